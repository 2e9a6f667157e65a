package org.feedmesh.server.accounts;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import org.feedmesh.platform.auth.Access;

/**
 * An endpoint's rights on one namespace and the journal cursor it reported having applied there.
 *
 * @param appliedCursor the newest cursor the endpoint says it applied; 0 when it reported none
 */
public record Grant(Set<Access> access, long appliedCursor) {
  public Grant {
    if (access == null || access.isEmpty()) {
      throw new IllegalArgumentException("a grant needs read and/or write access");
    }
    access = Collections.unmodifiableSet(EnumSet.copyOf(access));
    if (appliedCursor < 0) {
      throw new IllegalArgumentException(
          "applied cursor must not be negative, got " + appliedCursor);
    }
  }

  public static Grant readWrite() {
    return new Grant(EnumSet.of(Access.READ, Access.WRITE), 0);
  }

  public static Grant readOnly() {
    return new Grant(EnumSet.of(Access.READ), 0);
  }
}
