package org.feedmesh.server.journal;

import java.time.Instant;
import java.util.Objects;
import org.feedmesh.feedsync.Item;

/**
 * One accepted item version under its journal cursor.
 *
 * @param publisher the endpoint id (or {@code admin}) whose request produced this version
 */
public record JournalEntry(
    String namespace, long cursor, Item item, String publisher, Instant journaledAt) {
  public JournalEntry {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(item, "item");
    Objects.requireNonNull(publisher, "publisher");
    Objects.requireNonNull(journaledAt, "journaledAt");
    if (cursor < 1) {
      throw new IllegalArgumentException("journal cursors start at 1, got " + cursor);
    }
  }
}
