package org.feedmesh.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.feedmesh.feedsync.Item;
import org.feedmesh.feedsync.merge.FeedMerge;
import org.feedmesh.feedsync.merge.ItemMerge;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Merging two 100,000-item feeds in memory ({@link MergeFeeds} describes the mix): the whole-feed
 * merge by id, and the item merges alone without the id lookup.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class MergeBenchmark {

  @Param("100000")
  int items;

  private List<Item> local;
  private List<Item> incoming;

  @Setup(Level.Trial)
  public void build() {
    MergeFeeds feeds = MergeFeeds.build(items);
    local = feeds.local();
    incoming = feeds.incoming();
    FeedMerge.Result check = FeedMerge.merge(local, incoming);
    if (check.items().size() != items + items / 20 || check.changedCount() != items / 5) {
      throw new IllegalStateException("unexpected merge: " + check.items().size() + " items, "
          + check.changedCount() + " changed");
    }
  }

  @Benchmark
  public FeedMerge.Result mergeTwoFeeds() {
    return FeedMerge.merge(local, incoming);
  }

  @Benchmark
  public void mergeItemPairs(Blackhole sink) {
    for (int i = 0; i < local.size(); i++) {
      Item l = local.get(i);
      Item in = incoming.get(i);
      sink.consume(l.id().equals(in.id()) ? ItemMerge.merge(l, in) : ItemMerge.add(in));
    }
  }
}
