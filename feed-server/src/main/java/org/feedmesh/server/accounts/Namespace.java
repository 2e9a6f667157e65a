package org.feedmesh.server.accounts;

import java.time.Instant;
import java.util.Objects;

/**
 * A shared folder: one feed, one journal.
 *
 * @param lastCursor the newest journal cursor of this namespace (0 before anything was journaled)
 */
public record Namespace(String name, Instant created, long lastCursor) {
  public Namespace {
    Names.namespace(name);
    Objects.requireNonNull(created, "created");
    if (lastCursor < 0) {
      throw new IllegalArgumentException("cursor must not be negative, got " + lastCursor);
    }
  }
}
