package org.feedmesh.feedsync.merge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.feedmesh.feedsync.Item;

/**
 * Merges whole feeds item by item, matching items by {@code sx:sync/@id}: an item only on one side
 * is kept as it is, an item on both sides is merged with {@link ItemMerge}. Each item is merged on
 * its own, so the incoming feed can be a stream and the local side a store looked up per id
 * ({@link #mergeEach}); {@link #merge} is the same for two feeds held in memory.
 */
public final class FeedMerge {
  private FeedMerge() {}

  /** The merged feed and what happened to each incoming item. */
  public record Result(List<Item> items, List<MergeResult> results) {
    public Result {
      items = List.copyOf(items);
      results = List.copyOf(results);
    }

    /** How many incoming items changed the local feed (what a journal would record). */
    public long changedCount() {
      return results.stream().filter(MergeResult::changed).count();
    }
  }

  /**
   * For each incoming item, in order: looks the stored version up by id, merges, and hands the
   * result to {@code sink}. The sink runs before the next lookup, so a store that the sink writes
   * to sees earlier results when one id comes twice.
   */
  public static void mergeEach(Iterable<Item> incoming, Function<String, Optional<Item>> stored,
      Consumer<MergeResult> sink) {
    for (Item item : incoming) {
      sink.accept(ItemMerge.merge(stored.apply(item.id()), item));
    }
  }

  /**
   * Merges {@code incoming} into {@code local}. The merged feed lists the local items in their
   * order (merged where the incoming feed has them), then the items only the incoming feed has, in
   * its order. An id listed twice on one side is merged into one item.
   */
  public static Result merge(List<Item> local, List<Item> incoming) {
    Map<String, Item> byId = new LinkedHashMap<>(local.size() * 4 / 3 + 1);
    for (Item item : local) {
      byId.merge(item.id(), item, (a, b) -> ItemMerge.merge(a, b).item());
    }
    List<MergeResult> results = new ArrayList<>(incoming.size());
    mergeEach(incoming, id -> Optional.ofNullable(byId.get(id)), r -> {
      results.add(r);
      if (r.changed()) {
        byId.put(r.item().id(), r.item());
      }
    });
    return new Result(new ArrayList<>(byId.values()), results);
  }
}
