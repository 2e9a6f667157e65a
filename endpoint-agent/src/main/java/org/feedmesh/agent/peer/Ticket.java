package org.feedmesh.agent.peer;

import java.time.Instant;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What a verified peer ticket says: which endpoint holds it, the namespaces it may read, and when
 * it stops being accepted.
 */
public record Ticket(String endpointId, Set<String> namespaces, Instant expires) {
  /** Endpoint ids and namespace names, as the feed server allows them. */
  static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  public Ticket {
    if (endpointId == null || !NAME.matcher(endpointId).matches()) {
      throw new IllegalArgumentException("a ticket names a valid endpoint id, got " + endpointId);
    }
    Set<String> copy = new TreeSet<>();
    for (String ns : Objects.requireNonNull(namespaces, "namespaces")) {
      if (ns == null || !NAME.matcher(ns).matches()) {
        throw new IllegalArgumentException("a ticket names valid namespaces, got " + ns);
      }
      copy.add(ns);
    }
    namespaces = Collections.unmodifiableSet(copy);
    Objects.requireNonNull(expires, "expires");
  }

  public boolean mayRead(String namespace) {
    return namespaces.contains(namespace);
  }
}
