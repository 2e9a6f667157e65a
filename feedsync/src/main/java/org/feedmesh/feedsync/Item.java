package org.feedmesh.feedsync;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One version of a FeedSync item: its {@code sx:sync} metadata and its payload (the rest of the
 * Atom entry or RSS item). The create, update and delete algorithms of FeedSync 1.0.1 section 3
 * are the factory and the two {@code with...} methods here; merge lives in
 * {@link org.feedmesh.feedsync.merge}.
 */
public record Item(Sync sync, Payload payload) {

  public Item {
    Objects.requireNonNull(sync, "sync");
    payload = payload == null ? Payload.EMPTY : payload;
  }

  /**
   * FeedSync 3.1, create: {@code updates} 1 and one history entry (sequence 1, {@code when},
   * {@code by}). {@code noConflicts} can only be chosen here, at creation.
   */
  public static Item create(String id, String by, Instant when, Payload payload, boolean noConflicts) {
    History first = new History(1, when, by);
    return new Item(new Sync(id, 1, false, noConflicts, List.of(first), List.of()), payload);
  }

  public static Item create(String id, String by, Instant when, Payload payload) {
    return create(id, by, when, payload, false);
  }

  /**
   * FeedSync 3.2, update: {@code updates} + 1 and a new topmost history entry with that sequence.
   * An update of a tombstone brings the item back ({@code deleted} false). Conflicts stay until
   * they are resolved.
   */
  public Item updated(String by, Instant when, Payload newPayload) {
    return next(by, when, false, newPayload);
  }

  /**
   * FeedSync 3.3, delete: an update that sets {@code deleted}. With {@code stripPayload} the
   * payload is dropped, which FeedSync allows for tombstones.
   */
  public Item deleted(String by, Instant when, boolean stripPayload) {
    return next(by, when, true, stripPayload ? Payload.EMPTY : payload);
  }

  private Item next(String by, Instant when, boolean deleted, Payload newPayload) {
    if (sync.updates() == Integer.MAX_VALUE) {
      throw new InvalidFeedSyncException(
          "item " + sync.id() + " has reached the largest updates value and cannot change again");
    }
    int updates = sync.updates() + 1;
    List<History> history = new ArrayList<>(sync.history().size() + 1);
    history.add(new History(updates, when, by));
    history.addAll(sync.history());
    Sync s = new Sync(sync.id(), updates, deleted, sync.noConflicts(), history, sync.conflicts());
    return new Item(s, newPayload);
  }

  /** This version as it appears inside another version's {@code sx:conflicts}: no conflicts. */
  public Item withoutConflicts() {
    return sync.conflicts().isEmpty() ? this : new Item(sync.withConflicts(List.of()), payload);
  }

  public Item withSync(Sync newSync) {
    return new Item(newSync, payload);
  }

  public String id() {
    return sync.id();
  }

  public int updates() {
    return sync.updates();
  }

  public boolean isDeleted() {
    return sync.deleted();
  }

  public History topmost() {
    return sync.topmost();
  }

  public List<Item> conflicts() {
    return sync.conflicts();
  }
}
