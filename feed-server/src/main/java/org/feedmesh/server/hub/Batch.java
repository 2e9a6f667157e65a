package org.feedmesh.server.hub;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.feedmesh.server.journal.Journal;
import org.feedmesh.server.journal.JournalEntry;

/**
 * One distribution body, shared by every subscription of the same topic at the same cursor.
 *
 * @param body the exact bytes POSTed (and signed)
 * @param until the cursor a 2xx acknowledges: the subscription's cursor rises to it
 * @param entries how many entries the body carries (0: everything owed was superseded by newer
 *     versions, so there is nothing to send and the cursor simply rises)
 * @param oldestJournaledAt when the oldest carried entry was journaled, for the latency metric
 */
record Batch(byte[] body, String contentType, long until, int entries, Instant oldestJournaledAt) {
  Batch {
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(oldestJournaledAt, "oldestJournaledAt");
  }

  /**
   * The next body for a subscription of {@code topic} at cursor {@code since}: the current versions
   * of items journaled in {@code (since, last]}, at most {@code maxEntries} of them and, when more
   * than one, at most {@code maxBytes} of document (halving the entries until it fits). When it
   * cannot carry all, {@link #until} is the cursor of the last entry it carries.
   */
  static Batch next(
      Journal journal,
      NotificationWriter writer,
      Topic topic,
      String hubUrl,
      long since,
      long last,
      int maxEntries,
      int maxBytes,
      Instant now) {
    List<JournalEntry> entries = journal.changes(topic.namespace(), since, last, maxEntries);
    boolean all = entries.size() < maxEntries;
    while (true) {
      long until = all ? last : entries.get(entries.size() - 1).cursor();
      Instant updated = entries.isEmpty() ? now : entries.get(entries.size() - 1).journaledAt();
      byte[] body = write(writer, new Notification(topic, hubUrl, since, until, entries, updated));
      if (body.length <= maxBytes || entries.size() <= 1) {
        Instant oldest =
            entries.stream().map(JournalEntry::journaledAt).min(Instant::compareTo).orElse(now);
        return new Batch(body, topic.contentType(), until, entries.size(), oldest);
      }
      entries = entries.subList(0, entries.size() / 2);
      all = false;
    }
  }

  private static byte[] write(NotificationWriter writer, Notification n) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
    try {
      writer.write(n, out);
    } catch (IOException e) {
      throw new UncheckedIOException("writing a distribution of " + n.topic().url() + " failed", e);
    }
    return out.toByteArray();
  }
}
