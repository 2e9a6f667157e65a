package org.feedmesh.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.feedmesh.feedsync.Item;
import org.feedmesh.feedsync.Payload;
import org.feedmesh.feedsync.fm.Block;
import org.feedmesh.feedsync.fm.FileMeta;

/**
 * Two feeds of one namespace as two endpoints would publish them, for the merge benchmark. Each
 * list has {@code size} file items with three history entries and an {@code fm:file} payload of one
 * to three blocks. Of every 20 ids: 16 are the same on both sides (built separately, as if parsed
 * from two documents), 2 were updated by the incoming side, 1 was edited concurrently on both sides
 * (a conflict), and 1 exists only locally while the incoming side has a different new item.
 */
record MergeFeeds(List<Item> local, List<Item> incoming) {
  static final String NAMESPACE = "bench";
  static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");

  static MergeFeeds build(int size) {
    List<Item> local = new ArrayList<>(size);
    List<Item> incoming = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      switch (i % 20) {
        case 16, 17 -> {
          local.add(stored(i));
          incoming.add(stored(i).updated("phone", T0.plusSeconds(3600 + i), file(i, 4)));
        }
        case 18 -> {
          local.add(stored(i).updated("laptop", T0.plusSeconds(3600 + i), file(i, 5)));
          incoming.add(stored(i).updated("desktop", T0.plusSeconds(3605 + i), file(i, 6)));
        }
        case 19 -> {
          local.add(stored(i));
          incoming.add(stored(size + i));
        }
        default -> {
          local.add(stored(i));
          incoming.add(stored(i));
        }
      }
    }
    return new MergeFeeds(List.copyOf(local), List.copyOf(incoming));
  }

  /** File {@code n} after create (laptop), update (desktop), update (laptop). */
  static Item stored(int n) {
    String id = FileMeta.itemId(NAMESPACE, path(n));
    Instant t = T0.plusSeconds(n);
    return Item.create(id, "laptop", t, file(n, 1))
        .updated("desktop", t.plusSeconds(60), file(n, 2))
        .updated("laptop", t.plusSeconds(120), file(n, 3));
  }

  static String path(int n) {
    return "projects/p" + (n % 1000) + "/src/file-" + n + ".dat";
  }

  /** Revision {@code rev} of file {@code n}: same path, new content and blocks. */
  static Payload file(int n, int rev) {
    SplittableRandom random = new SplittableRandom(n * 31L + rev);
    int blocks = 1 + random.nextInt(3);
    List<Block> list = new ArrayList<>(blocks);
    long offset = 0;
    for (int b = 0; b < blocks; b++) {
      int size = 256 * 1024 + random.nextInt(1024 * 1024);
      list.add(new Block(offset, size, hex(random)));
      offset += size;
    }
    FileMeta meta = FileMeta.file(path(n), offset, T0.plusSeconds(n + rev), 0644, hex(random), list);
    return Payload.ofFile(meta).withUpdated(T0.plusSeconds(n + rev));
  }

  private static String hex(SplittableRandom random) {
    StringBuilder s = new StringBuilder(64);
    for (int i = 0; i < 4; i++) {
      String part = Long.toHexString(random.nextLong());
      s.append("0".repeat(16 - part.length())).append(part);
    }
    return s.toString();
  }
}
