package org.feedmesh.server.hub;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.feedmesh.server.journal.JournalEntry;

/**
 * What one distribution tells a subscriber: the current versions of the items journaled in {@code
 * (since, until]} of the topic's namespace, in cursor order.
 *
 * @param hubUrl this hub, for the feed's {@code rel="hub"} link
 * @param updated when the newest entry was journaled (or {@code since}'s time when empty)
 */
public record Notification(
    Topic topic,
    String hubUrl,
    long since,
    long until,
    List<JournalEntry> entries,
    Instant updated) {
  public Notification {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(hubUrl, "hubUrl");
    entries = List.copyOf(entries);
    Objects.requireNonNull(updated, "updated");
    if (since < 0 || until < since) {
      throw new IllegalArgumentException("need 0 <= since <= until, got " + since + ", " + until);
    }
  }
}
