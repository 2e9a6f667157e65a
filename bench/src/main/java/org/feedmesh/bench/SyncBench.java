package org.feedmesh.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.feedmesh.agent.Agent;
import org.feedmesh.agent.AgentConfig;
import org.feedmesh.agent.sync.Transfers;
import org.feedmesh.platform.auth.Tokens;
import org.feedmesh.server.FeedServer;
import org.feedmesh.server.ServerConfig;
import org.feedmesh.server.accounts.Grant;

/**
 * Wall-clock time from writing a data set into A's folder until B's folder holds all of it
 * (every file at its full size), and the CPU time the whole process (server, both agents, the
 * writer) spent meanwhile. One server and two agents serve all sets, each set in its own directory
 * with its own bytes; each set runs twice (first, and again with the JIT warm). Figures go to stdout.
 */
public final class SyncBench {
  private SyncBench() {}

  public static void main(String[] args) throws Exception {
    List<String> sets =
        args.length == 0 ? List.of("small", "large", "tiny", "latency", "rename") : Arrays.asList(args);
    try (Pair p = Pair.start()) {
      SyncFloor floor = new SyncFloor();
      int dir = 0;
      for (String set : sets) {
        // Each set twice: the first run also pays for the JIT compiling the code paths it is the
        // first to use; the second is what an agent that has been running for a while does.
        for (String run : List.of("latency", "rename").contains(set) ? List.of("") : List.of("first", "again")) {
          String d = "set" + dir++;
          switch (set) {
            case "small" -> timeSet(p, "1,000 x 200 KiB " + run, d, 1000, 200 * 1024);
            case "large" -> timeSet(p, "1 x 200 MiB " + run, d, 1, 200 * 1024 * 1024);
            case "tiny" -> timeSet(p, "10,000 x 20 KiB " + run, d, 10_000, 20 * 1024);
            case "latency" -> latency(p, d, 50);
            case "rename" -> rename(p, d, 1000, 200 * 1024);
            case "floor" -> floor.time(p.root.resolve(d), "1 x 200 MiB floor " + run);
            default -> throw new IllegalArgumentException(
                "unknown set " + set + " (small, large, tiny, latency, rename, floor)");
          }
        }
      }
    }
    System.exit(0);
  }

  private static void timeSet(Pair p, String name, String dir, int files, int size) throws Exception {
    long cpu0 = cpuNanos();
    long transferred0 = received(p);
    long t0 = System.nanoTime();
    List<Path> written = write(p.a, dir, files, size);
    long t1 = System.nanoTime();
    awaitAll(p.b, written, size);
    long t2 = System.nanoTime();
    long transferred = received(p) - transferred0;
    // The clock starts when the writer starts: sync work done while files are still being written
    // counts. "after written" is the part after the last file was closed.
    System.out.printf("%-22s write %6.2f s   write-to-all-arrived %6.2f s   (after written %6.2f s)"
            + "   cpu %6.2f s   (%d MB from peers)%n",
        name, (t1 - t0) / 1e9, (t2 - t0) / 1e9, (t2 - t1) / 1e9, (cpuNanos() - cpu0) / 1e9,
        transferred / 1_000_000);
  }

  /**
   * Renames a synced directory of {@code files} files on A and times until B shows every one at
   * its new path; says how many bytes B copied or downloaded for it (none: B renames its own).
   */
  private static void rename(Pair p, String dir, int files, int size) throws Exception {
    List<Path> written = write(p.a, dir, files, size);
    awaitAll(p.b, written, size);
    long copied0 = copied(p);
    long received0 = received(p);
    long cpu0 = cpuNanos();
    long t0 = System.nanoTime();
    Files.move(p.a.resolve(dir), p.a.resolve(dir + "-renamed"));
    List<Path> renamed = new ArrayList<>();
    for (Path w : written) {
      renamed.add(Path.of(dir + "-renamed").resolve(Path.of(dir).relativize(w)));
    }
    awaitAll(p.b, renamed, size);
    long t1 = System.nanoTime();
    System.out.printf("rename of a directory of %,d x %d KiB: rename-to-all-arrived %6.2f s   cpu %6.2f s"
            + "   (%d MB copied, %d MB from peers)%n",
        files, size / 1024, (t1 - t0) / 1e9, (cpuNanos() - cpu0) / 1e9, (copied(p) - copied0) / 1_000_000,
        (received(p) - received0) / 1_000_000);
  }

  /** Bytes B has received from peers so far. */
  private static long received(Pair p) {
    return p.agentB.transfers().totals().entrySet().stream()
        .filter(e -> !e.getKey().equals(Transfers.LOCAL))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  /** Bytes B has copied from its own files so far. */
  private static long copied(Pair p) {
    return p.agentB.transfers().totals().getOrDefault(Transfers.LOCAL, 0L);
  }

  private static void latency(Pair p, String dir, int rounds) throws Exception {
    Files.createDirectories(p.a.resolve(dir));
    long[] ms = new long[rounds];
    for (int i = 0; i < rounds; i++) {
      Path f = p.a.resolve(dir).resolve("note-" + i + ".txt");
      Path g = p.b.resolve(dir).resolve("note-" + i + ".txt");
      byte[] data = ("edit " + i + "\n").getBytes();
      long t0 = System.nanoTime();
      Files.write(f, data);
      while (!(Files.exists(g) && Files.size(g) == data.length)) {
        Thread.sleep(1);
      }
      ms[i] = (System.nanoTime() - t0) / 1_000_000;
      Thread.sleep(200);
    }
    Arrays.sort(ms);
    System.out.printf("small-file latency p50 %d ms  p90 %d ms  max %d ms  (%d edits)%n",
        ms[rounds / 2], ms[rounds * 9 / 10], ms[rounds - 1], rounds);
  }

  /** CPU time of the whole process (server, both agents and the writer) so far. */
  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
        java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  static List<Path> write(Path folder, String dir, int files, int size) throws IOException {
    SplittableRandom r = new SplittableRandom(dir.hashCode() * 31L + files); // no set repeats another's bytes
    byte[] buf = new byte[Math.min(size, 1 << 20)];
    List<Path> out = new ArrayList<>();
    for (int i = 0; i < files; i++) {
      Path p = folder.resolve(dir).resolve("d" + (i / 1000)).resolve("f" + i + ".bin");
      Files.createDirectories(p.getParent());
      try (OutputStream o = Files.newOutputStream(p)) {
        for (int left = size; left > 0; left -= buf.length) {
          fill(r, buf);
          o.write(buf, 0, Math.min(left, buf.length));
        }
      }
      out.add(folder.relativize(p));
    }
    return out;
  }

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /**
   * Random bytes eight at a time: the writer stands for an application and should take as little
   * of the two cores from the agents as it can. ({@code SplittableRandom.nextBytes} stores byte by
   * byte: about 6% of all the CPU of the 200 MiB runs went there.)
   */
  private static void fill(SplittableRandom r, byte[] buf) {
    int i = 0;
    for (; i + Long.BYTES <= buf.length; i += Long.BYTES) {
      LONGS.set(buf, i, r.nextLong());
    }
    for (; i < buf.length; i++) {
      buf[i] = (byte) r.nextInt();
    }
  }

  static void awaitAll(Path folder, List<Path> files, long size) throws Exception {
    int next = 0;
    long deadline = System.nanoTime() + 600_000_000_000L;
    while (next < files.size()) {
      Path p = folder.resolve(files.get(next));
      if (Files.exists(p) && Files.size(p) == size) {
        next++;
      } else {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("timed out at " + files.get(next));
        }
        Thread.sleep(2);
      }
    }
  }

  private static final class Pair implements AutoCloseable {
    final Path root;
    final FeedServer server;
    final Agent agentA;
    final Agent agentB;
    final Path a;
    final Path b;

    private Pair(Path root, FeedServer server, Agent agentA, Agent agentB, Path a, Path b) {
      this.root = root;
      this.server = server;
      this.agentA = agentA;
      this.agentB = agentB;
      this.a = a;
      this.b = b;
    }

    static Pair start() throws IOException {
      Path root = Files.createTempDirectory("feedmesh-syncbench-");
      FeedServer server = FeedServer.start(ServerConfig.loopback(Files.createDirectories(root.resolve("server"))));
      server.accounts().createNamespace("bench");
      Tokens t = Tokens.secure();
      String ta = t.newToken();
      String tb = t.newToken();
      server.accounts().createEndpoint("a", "a", Map.of("bench", Grant.readWrite()), false, Tokens.hash(ta));
      server.accounts().createEndpoint("b", "b", Map.of("bench", Grant.readWrite()), false, Tokens.hash(tb));
      Path a = Files.createDirectories(root.resolve("a"));
      Path b = Files.createDirectories(root.resolve("b"));
      Agent agentA = Agent.start(AgentConfig.of(server.baseUri(), ta, "bench", a).withPeer("127.0.0.1", 0));
      Agent agentB = Agent.start(AgentConfig.of(server.baseUri(), tb, "bench", b).withPeer("127.0.0.1", 0));
      return new Pair(root, server, agentA, agentB, a, b);
    }

    @Override
    public void close() throws IOException {
      agentA.close();
      agentB.close();
      server.close();
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
          Files.delete(f);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
          Files.delete(d);
          return FileVisitResult.CONTINUE;
        }
      });
    }
  }
}
