package org.feedmesh.webapp.endpoints;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.feedmesh.server.registry.PeerReport;

/**
 * Recent block transfers between endpoints (and from the server), added up over a sliding window
 * for the endpoints page's graph. Endpoints report deltas with each announcement; this keeps the
 * deltas of the last {@code window} in memory (a restart forgets them, which a picture of
 * <em>recent</em> traffic can afford). Bounded: at most {@value #MAX_PAIRS} source/destination
 * pairs and {@value #MAX_DELTAS_PER_PAIR} deltas per pair. Thread-safe.
 */
public final class TransferTally {
  public static final int MAX_PAIRS = 10_000;
  public static final int MAX_DELTAS_PER_PAIR = 1_000;

  /** Bytes and blocks {@code to} pulled from {@code from} within the window. */
  public record Edge(String from, String to, long bytes, long blocks, Instant last) {}

  private record Delta(Instant at, long bytes, long blocks) {}

  private record Pair(String from, String to) {}

  private final Clock clock;
  private final Duration window;
  private final Map<Pair, Deque<Delta>> deltas = new LinkedHashMap<>();

  public TransferTally(Clock clock, Duration window) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.window = Objects.requireNonNull(window, "window");
  }

  public Duration window() {
    return window;
  }

  /** Records what endpoint {@code to} reported pulling. */
  public synchronized void add(String to, List<PeerReport.Transfer> transfers) {
    Instant now = clock.instant();
    prune(now);
    for (PeerReport.Transfer t : transfers) {
      if (t.bytes() == 0 && t.blocks() == 0) {
        continue;
      }
      Pair pair = new Pair(t.from(), to);
      Deque<Delta> d = deltas.get(pair);
      if (d == null) {
        if (deltas.size() >= MAX_PAIRS) {
          continue; // a flood of pairs must not grow memory; known pairs still count
        }
        d = new ArrayDeque<>();
        deltas.put(pair, d);
      }
      if (d.size() >= MAX_DELTAS_PER_PAIR) {
        Delta oldest = d.removeFirst();
        Delta next = d.removeFirst();
        d.addFirst(new Delta(next.at(), oldest.bytes() + next.bytes(),
            oldest.blocks() + next.blocks()));
      }
      d.addLast(new Delta(now, t.bytes(), t.blocks()));
    }
  }

  /** Every pair's totals within the window, largest first. */
  public synchronized List<Edge> recent() {
    Instant now = clock.instant();
    prune(now);
    List<Edge> out = new ArrayList<>();
    deltas.forEach(
        (pair, d) -> {
          long bytes = 0;
          long blocks = 0;
          for (Delta x : d) {
            bytes += x.bytes();
            blocks += x.blocks();
          }
          out.add(new Edge(pair.from(), pair.to(), bytes, blocks, d.getLast().at()));
        });
    out.sort((a, b) -> Long.compare(b.bytes(), a.bytes()));
    return out;
  }

  private void prune(Instant now) {
    Instant oldest = now.minus(window);
    deltas.values().forEach(d -> {
      while (!d.isEmpty() && d.getFirst().at().isBefore(oldest)) {
        d.removeFirst();
      }
    });
    deltas.values().removeIf(Deque::isEmpty);
  }
}
