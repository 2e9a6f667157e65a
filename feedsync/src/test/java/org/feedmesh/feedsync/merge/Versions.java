package org.feedmesh.feedsync.merge;

import java.time.Instant;
import java.util.List;
import org.feedmesh.feedsync.History;
import org.feedmesh.feedsync.Item;
import org.feedmesh.feedsync.Payload;
import org.feedmesh.feedsync.Sync;

/** Hand-written item versions for the merge tests: one item id, histories spelled out. */
final class Versions {
  static final String ID = "urn:feedmesh:test:item";

  private Versions() {}

  /** A time on the test day, e.g. {@code at("09:30:00")} or {@code at("09:30:00.250")}. */
  static Instant at(String time) {
    return Instant.parse("2026-03-01T" + time + "Z");
  }

  static History h(int sequence, String time, String by) {
    return new History(sequence, time == null ? null : at(time), by);
  }

  /** A version whose {@code updates} is its topmost sequence, titled {@code title}. */
  static Item v(String title, History... history) {
    return new Item(new Sync(ID, history[0].sequence(), false, false, List.of(history), List.of()),
        Payload.EMPTY.withTitle(Payload.Text.plain(title)));
  }

  static Item withConflicts(Item item, Item... conflicts) {
    return item.withSync(item.sync().withConflicts(List.of(conflicts)));
  }

  static String title(Item item) {
    return item.payload().title().value();
  }
}
