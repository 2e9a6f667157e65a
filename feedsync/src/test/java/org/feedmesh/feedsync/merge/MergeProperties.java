package org.feedmesh.feedsync.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;
import org.feedmesh.feedsync.Item;
import org.feedmesh.feedsync.Sync;
import org.feedmesh.feedsync.merge.MergeResult.Outcome;

/**
 * Merge properties over random histories of one item on four endpoints ({@link MeshSimulation}):
 * every version any endpoint held during a random run of edits, deletions, resolutions and merges
 * (ours, FeedSync's literal one, and merges of stale versions).
 */
class MergeProperties {

  /** What merging decides: the winner and the set of conflicts. */
  record Shape(Item winner, Set<Item> conflicts) {
    static Shape of(Item item) {
      return new Shape(item.withoutConflicts(), Set.copyOf(item.conflicts()));
    }
  }

  @Provide
  Arbitrary<List<Item>> histories() {
    return MeshSimulation.events().map(MeshSimulation::versions).filter(v -> !v.isEmpty());
  }

  /** The generator keeps FeedSync's assumption, on which convergence rests. */
  @Property(tries = 100)
  void theSimulationNeverUsesOneByAndSequenceForTwoVersions(
      @ForAll("histories") List<Item> versions) {
    Map<String, Item> named = new HashMap<>();
    for (Item v : versions) {
      List<Item> all = new ArrayList<>(v.conflicts());
      all.add(v.withoutConflicts());
      for (Item version : all) {
        assertEquals(version.updates(), version.topmost().sequence());
        Item earlier = named.putIfAbsent(
            version.topmost().by() + "#" + version.topmost().sequence(), version);
        assertEquals(earlier == null ? version : earlier, version);
      }
    }
  }

  @Property(tries = 300)
  void mergeIsCommutativeUpToTheWinnerAndTheConflicts(@ForAll("histories") List<Item> versions,
      @ForAll @IntRange(max = 999) int i, @ForAll @IntRange(max = 999) int j) {
    Item a = pick(versions, i);
    Item b = pick(versions, j);
    assertEquals(Shape.of(merge(b, a)), Shape.of(merge(a, b)));
  }

  @Property(tries = 300)
  void mergeIsAssociativeUpToTheWinnerAndTheConflicts(@ForAll("histories") List<Item> versions,
      @ForAll @IntRange(max = 999) int i, @ForAll @IntRange(max = 999) int j,
      @ForAll @IntRange(max = 999) int k) {
    Item a = pick(versions, i);
    Item b = pick(versions, j);
    Item c = pick(versions, k);
    assertEquals(Shape.of(merge(a, merge(b, c))), Shape.of(merge(merge(a, b), c)));
  }

  @Property(tries = 300)
  void mergingAgainWhatWasAlreadyMergedChangesNothing(@ForAll("histories") List<Item> versions,
      @ForAll @IntRange(max = 999) int i, @ForAll @IntRange(max = 999) int j) {
    Item a = pick(versions, i);
    Item b = pick(versions, j);
    Item merged = merge(a, b);
    for (Item again : List.of(merged, a, b)) {
      MergeResult r = ItemMerge.merge(merged, again);
      assertEquals(Outcome.UNCHANGED, r.outcome());
      assertSame(merged, r.item());
    }
    assertEquals(Shape.of(ItemMerge.add(a).item()), Shape.of(merge(a, a)));
  }

  @Property(tries = 200)
  void mergingAnySetOfVersionsInAnyOrderAndGroupingConverges(
      @ForAll("histories") List<Item> versions,
      @ForAll @Size(min = 2, max = 6) List<@IntRange(max = 999) Integer> picks,
      @ForAll Random random) {
    List<Item> chosen = picks.stream().map(p -> pick(versions, p)).toList();
    Shape expected = Shape.of(foldLeft(chosen));
    for (int round = 0; round < 4; round++) {
      List<Item> shuffled = new ArrayList<>(chosen);
      java.util.Collections.shuffle(shuffled, random);
      assertEquals(expected, Shape.of(mergeTree(shuffled, random)));
    }
  }

  @Property(tries = 200)
  void identicalItemsMergeToNoConflict(@ForAll("histories") List<Item> versions,
      @ForAll @IntRange(max = 999) int i) {
    Item v = pick(versions, i).withoutConflicts();
    Sync s = v.sync();
    Item copy = new Item(new Sync(s.id(), s.updates(), s.deleted(), s.noConflicts(),
        new ArrayList<>(s.history()), List.of()), v.payload());
    MergeResult r = ItemMerge.merge(v, copy);
    assertEquals(Outcome.UNCHANGED, r.outcome());
    assertSame(v, r.item());
    assertTrue(r.item().conflicts().isEmpty());
    Item full = pick(versions, i);
    assertFalse(merge(full, full).conflicts().contains(merge(full, full).withoutConflicts()));
  }

  @Property(tries = 300)
  void aResultIsReportedChangedExactlyWhenItDiffersFromTheLocalItem(
      @ForAll("histories") List<Item> versions,
      @ForAll @IntRange(max = 999) int i, @ForAll @IntRange(max = 999) int j) {
    Item local = pick(versions, i);
    MergeResult r = ItemMerge.merge(local, pick(versions, j));
    assertEquals(!r.item().equals(local), r.changed());
    Statistics.label("outcome").collect(r.outcome());
  }

  /**
   * Where FeedSync's literal merge gives one answer whatever the order in which the versions (and,
   * as versions in their own right, their conflicts) arrive, ours gives the same answer.
   */
  @Property(tries = 300)
  void convergentMergeAgreesWithTheLiteralOneWhereverThatIsOrderIndependent(
      @ForAll("histories") List<Item> versions,
      @ForAll @Size(min = 2, max = 3) List<@IntRange(max = 999) Integer> picks) {
    Set<Item> closure = new LinkedHashSet<>();
    for (Integer p : picks) {
      Item v = pick(versions, p);
      closure.add(v);
      closure.addAll(v.conflicts());
    }
    if (closure.size() > 6) {
      Statistics.label("literal").collect("too many versions to try every order");
      return;
    }
    Set<Shape> literal = new HashSet<>();
    for (List<Item> order : permutations(new ArrayList<>(closure))) {
      Item acc = null;
      for (Item v : order) {
        acc = LiteralMerge.merge(acc, v);
      }
      literal.add(Shape.of(acc));
    }
    Statistics.label("literal")
        .collect(literal.size() == 1 ? "order-independent" : "order-dependent");
    Shape ours = Shape.of(foldLeft(new ArrayList<>(closure)));
    if (literal.size() == 1) {
      assertEquals(literal.iterator().next(), ours);
    } else {
      assertTrue(literal.contains(ours));
    }
  }

  @Property(tries = 200)
  void resolvingAllConflictsLeavesAVersionThatSubsumesEveryOneOfThem(
      @ForAll("histories") List<Item> versions, @ForAll @IntRange(max = 999) int i) {
    Item item = pick(versions, i);
    if (item.conflicts().isEmpty()) {
      return;
    }
    Item resolved = Resolution.resolveAll(item, "ep9", MeshSimulation.EPOCH, item.payload());
    assertTrue(resolved.conflicts().isEmpty());
    for (Item c : item.conflicts()) {
      assertTrue(Subsumption.isSubsumedBy(c, resolved));
      assertEquals(Outcome.UNCHANGED, ItemMerge.merge(resolved, c).outcome());
      assertEquals(resolved, LiteralMerge.merge(resolved, c));
    }
  }

  @Property(tries = 200)
  void sparsePurgeNeverChangesWhatMergeDecides(@ForAll("histories") List<Item> versions,
      @ForAll @IntRange(max = 999) int i, @ForAll @IntRange(max = 999) int j) {
    Item a = pick(versions, i);
    Item b = pick(versions, j);
    Item purgedFirst = merge(SparsePurge.purge(a), SparsePurge.purge(b));
    assertEquals(Shape.of(SparsePurge.purge(merge(a, b))), Shape.of(SparsePurge.purge(purgedFirst)));
  }

  static Item pick(List<Item> versions, int index) {
    return versions.get(index % versions.size());
  }

  static Item merge(Item local, Item incoming) {
    return ItemMerge.merge(local, incoming).item();
  }

  static Item foldLeft(List<Item> items) {
    Optional<Item> acc = Optional.empty();
    for (Item v : items) {
      acc = Optional.of(ItemMerge.merge(acc, v).item());
    }
    return acc.orElseThrow();
  }

  /** Merges the items as a random binary tree: any grouping, the given order of leaves. */
  static Item mergeTree(List<Item> items, Random random) {
    if (items.size() == 1) {
      return ItemMerge.add(items.get(0)).item();
    }
    int split = 1 + random.nextInt(items.size() - 1);
    Item left = mergeTree(items.subList(0, split), random);
    Item right = mergeTree(items.subList(split, items.size()), random);
    return random.nextBoolean() ? merge(left, right) : merge(right, left);
  }

  static <T> List<List<T>> permutations(List<T> items) {
    if (items.size() <= 1) {
      return List.of(List.copyOf(items));
    }
    List<List<T>> all = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      List<T> rest = new ArrayList<>(items);
      T first = rest.remove(i);
      for (List<T> tail : permutations(rest)) {
        List<T> p = new ArrayList<>();
        p.add(first);
        p.addAll(tail);
        all.add(p);
      }
    }
    return all;
  }
}
