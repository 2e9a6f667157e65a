package org.feedmesh.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.feedmesh.agent.blocks.ChunkerParams;
import org.feedmesh.agent.blocks.FileHasher;
import org.feedmesh.agent.blocks.HashedFile;
import org.feedmesh.feedsync.fm.Block;
import org.feedmesh.feedsync.fm.Sha256;

/**
 * The floor under the 200 MiB set: only the work the agent must do for one 200 MiB file, with no
 * HTTP, no database, no watcher and no second process. What is left is what the design asks of
 * every byte:
 *
 * <ol>
 *   <li>the writer writes the file (the set's clock starts there);
 *   <li>A hashes it with the agent's own {@link FileHasher}: content-defined blocks with the
 *       SHA-256 of each, and the whole-file SHA-256 (the blob id) on a second thread;
 *   <li>for each block, four at a time: A reads it and checks its hash before serving it, the
 *       bytes are copied once (standing in for the socket), B checks the hash again on arrival and
 *       writes the block at its offset in a temporary file, and B's whole-file SHA-256 takes the
 *       blocks in order;
 *   <li>B fsyncs the temporary file (handing every 32 MiB to the disk in the background as it
 *       arrives, as the agent does), compares the whole-file hash with the blob id and renames the
 *       file into place.
 * </ol>
 *
 * Five SHA-256 passes over every byte, as the design requires (block ids, blob id, check before
 * serving, check on arrival, whole-file check). The agent's own times can only be above these.
 */
final class SyncFloor {
  private static final int SIZE = 200 << 20;
  private static final int IN_FLIGHT = 4;
  private static final long EARLY_FLUSH = 32L << 20;

  private final ExecutorService pool = Executors.newFixedThreadPool(IN_FLIGHT, r -> {
    Thread t = new Thread(r, "floor");
    t.setDaemon(true);
    return t;
  });
  private final ExecutorService flusher = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "floor-flush");
    t.setDaemon(true);
    return t;
  });
  private final FileHasher hasher = new FileHasher(ChunkerParams.DEFAULT);

  /** Times one file from the writer's first byte to B's rename; prints a line like the sets'. */
  void time(Path dir, String name) throws Exception {
    Files.createDirectories(dir);
    Path a = dir.resolve("a.bin");
    Path tmp = dir.resolve(".b.bin.feedmesh-tmp");
    Path b = dir.resolve("b.bin");
    long t0 = System.nanoTime();
    SyncBench.write(dir, "w", 1, SIZE); // the same writer as the sets
    Files.move(dir.resolve("w/d0/f0.bin"), a);
    long t1 = System.nanoTime();
    HashedFile hashed = hasher.hash(a);
    long t2 = System.nanoTime();
    transfer(a, hashed, tmp);
    Files.move(tmp, b, StandardCopyOption.ATOMIC_MOVE);
    long t3 = System.nanoTime();
    System.out.printf("%-22s write %6.2f s   write-to-all-arrived %6.2f s   (after written %6.2f s)"
            + "   hash %5.2f s   transfer %5.2f s%n",
        name, (t1 - t0) / 1e9, (t3 - t0) / 1e9, (t3 - t1) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9);
    Files.delete(a);
    Files.delete(b);
  }

  private void transfer(Path from, HashedFile hashed, Path to) throws Exception {
    MessageDigest whole = Sha256.digest();
    Map<Integer, byte[]> waiting = new HashMap<>();
    int[] next = {0};
    List<Block> blocks = hashed.blocks();
    Semaphore slots = new Semaphore(IN_FLIGHT);
    List<Future<?>> done = new ArrayList<>();
    long[] unflushed = {0};
    try (FileChannel in = FileChannel.open(from, StandardOpenOption.READ);
        FileChannel out = FileChannel.open(to, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      for (int i = 0; i < blocks.size(); i++) {
        int k = i;
        Block block = blocks.get(i);
        slots.acquire();
        done.add(pool.submit(() -> {
          try {
            byte[] served = read(in, block);
            check(served, block); // A: before serving
            byte[] received = served.clone(); // the socket
            check(received, block); // B: on arrival
            out.write(ByteBuffer.wrap(received), block.offset());
            synchronized (unflushed) {
              unflushed[0] += received.length;
              if (unflushed[0] >= EARLY_FLUSH) {
                unflushed[0] = 0;
                flusher.execute(() -> force(out));
              }
            }
            synchronized (waiting) { // B: the whole-file hash, in order
              waiting.put(k, received);
              for (byte[] d; (d = waiting.remove(next[0])) != null; next[0]++) {
                whole.update(d);
              }
            }
          } finally {
            slots.release();
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      out.force(true);
    }
    String blobId = java.util.HexFormat.of().formatHex(whole.digest());
    if (!blobId.equals(hashed.blobId())) {
      throw new IllegalStateException("whole-file hash " + blobId + " is not the blob id " + hashed.blobId());
    }
  }

  private static void force(FileChannel out) {
    try {
      out.force(false);
    } catch (IOException e) {
      // closed meanwhile: the final force counts
    }
  }

  private static byte[] read(FileChannel in, Block block) throws IOException {
    byte[] data = new byte[block.size()];
    ByteBuffer buf = ByteBuffer.wrap(data);
    while (buf.hasRemaining()) {
      if (in.read(buf, block.offset() + buf.position()) < 0) {
        throw new IOException("file ends inside block " + block);
      }
    }
    return data;
  }

  private static void check(byte[] data, Block block) {
    byte[] got = Sha256.digest().digest(data);
    if (!Arrays.equals(got, java.util.HexFormat.of().parseHex(block.hash()))) {
      throw new IllegalStateException("block " + block + " does not hash to its id");
    }
  }
}
