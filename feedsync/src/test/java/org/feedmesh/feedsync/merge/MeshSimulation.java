package org.feedmesh.feedsync.merge;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.feedmesh.feedsync.Item;
import org.feedmesh.feedsync.Payload;

/**
 * Plays a random sequence of create / update / delete / resolve / merge events on one item across
 * several endpoints and collects every version that any endpoint held. Each endpoint only ever
 * raises its own {@code updates}, and a version's content is a function of its topmost
 * ({@code by}, sequence), so a given ({@code by}, sequence) always denotes the same version, as
 * FeedSync assumes. Endpoint {@code ep4} writes no {@code when}; the clock often stands still, so
 * many versions share a second.
 */
final class MeshSimulation {
  static final String ID = "urn:feedmesh:item:1";
  static final Instant EPOCH = Instant.parse("2026-03-01T12:00:00Z");
  static final int ENDPOINTS = 4;

  enum Kind { UPDATE, DELETE, RESOLVE, MERGE, MERGE_LITERAL, MERGE_OLD }

  /** {@code actor} acts; {@code other} and {@code pick} choose what it merges or resolves. */
  record Event(Kind kind, int actor, int other, int pick, int tick) {}

  private final List<Optional<Item>> local = new ArrayList<>();
  private final Set<Item> produced = new LinkedHashSet<>();
  private long seconds;

  private MeshSimulation() {
    for (int i = 0; i < ENDPOINTS; i++) {
      local.add(Optional.empty());
    }
  }

  static Arbitrary<List<Event>> events() {
    Arbitrary<Kind> kind = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(5, Arbitraries.just(Kind.UPDATE)),
        net.jqwik.api.Tuple.of(1, Arbitraries.just(Kind.DELETE)),
        net.jqwik.api.Tuple.of(2, Arbitraries.just(Kind.RESOLVE)),
        net.jqwik.api.Tuple.of(5, Arbitraries.just(Kind.MERGE)),
        net.jqwik.api.Tuple.of(2, Arbitraries.just(Kind.MERGE_LITERAL)),
        net.jqwik.api.Tuple.of(2, Arbitraries.just(Kind.MERGE_OLD)));
    Arbitrary<Integer> endpoint = Arbitraries.integers().between(0, ENDPOINTS - 1);
    return Combinators.combine(kind, endpoint, endpoint,
            Arbitraries.integers().between(0, 1 << 10), Arbitraries.integers().between(0, 2))
        .as(Event::new)
        .list().ofMinSize(4).ofMaxSize(40);
  }

  /** Every distinct version held by some endpoint while {@code events} played out. */
  static List<Item> versions(List<Event> events) {
    MeshSimulation mesh = new MeshSimulation();
    events.forEach(mesh::play);
    return List.copyOf(mesh.produced);
  }

  static String endpoint(int i) {
    return "ep" + (i + 1);
  }

  /** The content of the version {@code by} made at {@code sequence}. */
  static Payload payload(String by, int sequence) {
    return Payload.EMPTY.withTitle(Payload.Text.plain(by + " edit " + sequence));
  }

  private void play(Event e) {
    seconds += e.tick();
    Optional<Item> mine = local.get(e.actor());
    Item next = switch (e.kind()) {
      case UPDATE -> edit(e, mine);
      case DELETE -> mine.map(i -> i.deleted(endpoint(e.actor()), when(e), true))
          .orElseGet(() -> edit(e, mine));
      case RESOLVE -> resolve(e, mine);
      case MERGE -> local.get(e.other()).map(o -> ItemMerge.merge(mine, o).item())
          .orElse(mine.orElse(null));
      case MERGE_LITERAL -> local.get(e.other()).map(o -> LiteralMerge.merge(mine.orElse(null), o))
          .orElse(mine.orElse(null));
      case MERGE_OLD -> produced.isEmpty() ? mine.orElse(null)
          : ItemMerge.merge(mine, List.copyOf(produced).get(e.pick() % produced.size())).item();
    };
    if (next != null) {
      local.set(e.actor(), Optional.of(next));
      produced.add(next);
    }
  }

  private Item edit(Event e, Optional<Item> mine) {
    String by = endpoint(e.actor());
    Instant when = when(e);
    return mine.map(i -> i.updated(by, when, payload(by, i.updates() + 1)))
        .orElseGet(() -> Item.create(ID, by, when, payload(by, 1)));
  }

  private Item resolve(Event e, Optional<Item> mine) {
    if (mine.isEmpty() || mine.get().conflicts().isEmpty()) {
      return edit(e, mine);
    }
    Item item = mine.get();
    List<Item> chosen = new ArrayList<>();
    for (int i = 0; i < item.conflicts().size(); i++) {
      if ((e.pick() >> i & 1) == 1) {
        chosen.add(item.conflicts().get(i));
      }
    }
    if (chosen.isEmpty()) {
      chosen.addAll(item.conflicts());
    }
    String by = endpoint(e.actor());
    return Resolution.resolve(item, chosen, by, when(e), payload(by, item.updates() + 1));
  }

  private Instant when(Event e) {
    return e.actor() == 3 ? null : EPOCH.plusSeconds(seconds).plusMillis(e.pick() % 1000);
  }
}
