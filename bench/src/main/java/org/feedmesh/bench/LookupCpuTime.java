package org.feedmesh.bench;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * The same batch lookups as {@link LookupBenchmark}, timed by the CPU time of the whole process
 * (lookup, HTTP server and client, GC, JIT) as well as by the clock: on a machine shared with other
 * work, CPU time says what dedicated cores would do, where wall-clock throughput mostly measures
 * the neighbours.
 *
 * <pre>java -cp bench/target/benchmarks.jar org.feedmesh.bench.LookupCpuTime [BLOCKS] [BATCHES]
 * </pre>
 */
public final class LookupCpuTime {
  private LookupCpuTime() {}

  public static void main(String[] args) throws Exception {
    LookupBenchmark b = new LookupBenchmark();
    b.blocks = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    b.blocksPerBlob = 100;
    int batches = args.length > 1 ? Integer.parseInt(args[1]) : 300;
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    b.open();
    try {
      for (String mode : new String[] {"in-process", "over HTTP"}) {
        boolean http = mode.equals("over HTTP");
        for (int i = 0; i < batches / 3; i++) {
          run(b, http);
        }
        long cpu0 = os.getProcessCpuTime();
        long wall0 = System.nanoTime();
        for (int i = 0; i < batches; i++) {
          run(b, http);
        }
        double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
        double wall = (System.nanoTime() - wall0) / 1e9;
        System.out.printf(
            Locale.ROOT,
            "%,d blocks, %s: %d batches of %d hashes; wall %.1f s"
                + " (%.1f batches/s); process CPU %.1f s (%.1f batches per CPU-second)%n",
            b.blocks,
            mode,
            batches,
            LookupBenchmark.BATCH,
            wall,
            batches / wall,
            cpu,
            batches / cpu);
      }
    } finally {
      b.close();
    }
  }

  private static void run(LookupBenchmark b, boolean http) throws Exception {
    if (http) {
      b.batchOf1000BlockHashesOverHttp();
    } else {
      b.batchOf1000BlockHashes();
    }
  }
}
