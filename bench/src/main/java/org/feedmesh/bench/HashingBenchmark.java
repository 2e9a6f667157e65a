package org.feedmesh.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.feedmesh.agent.blocks.ChunkerParams;
import org.feedmesh.agent.blocks.FileHasher;
import org.feedmesh.agent.blocks.HashedFile;
import org.feedmesh.feedsync.fm.Sha256;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Hashing one random file (200 MiB by default) the way the agent does — content-defined blocks with
 * the SHA-256 of each plus the whole-file SHA-256, one streaming pass — next to a plain whole-file
 * SHA-256 of the same file (what {@code sha256sum} computes). Compare with
 * {@code time sha256sum FILE} on the same machine; the file is in the page cache for both.
 *
 * <pre>bench/run HashingBenchmark</pre>
 *
 * {@code parallel}: the whole-file digest on a helper thread (the default) or everything on the
 * calling thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(1)
public class HashingBenchmark {
  @Param({"200"})
  public int mebibytes;

  private Path file;
  private FileHasher parallel;
  private FileHasher sequential;

  @Setup(Level.Trial)
  public void createFile() throws IOException {
    file = Files.createTempFile("feedmesh-hash-bench", ".bin");
    byte[] chunk = new byte[1 << 20];
    SplittableRandom random = new SplittableRandom(2026);
    try (OutputStream out = Files.newOutputStream(file)) {
      for (int i = 0; i < mebibytes; i++) {
        for (int j = 0; j < chunk.length; j += 8) {
          long v = random.nextLong();
          for (int k = 0; k < 8; k++) {
            chunk[j + k] = (byte) (v >>> (8 * k));
          }
        }
        out.write(chunk);
      }
    }
    parallel = new FileHasher(ChunkerParams.DEFAULT);
    sequential = FileHasher.sequential(ChunkerParams.DEFAULT);
    System.err.println("hashing benchmark file: " + file + " (" + mebibytes + " MiB)");
  }

  @TearDown(Level.Trial)
  public void deleteFile() throws IOException {
    Files.deleteIfExists(file);
  }

  @Benchmark
  public HashedFile blocksAndBlobId() throws IOException {
    return parallel.hash(file);
  }

  @Benchmark
  public HashedFile blocksAndBlobIdOneThread() throws IOException {
    return sequential.hash(file);
  }

  @Benchmark
  public byte[] wholeFileSha256Only() throws IOException {
    MessageDigest d = Sha256.digest();
    byte[] buf = new byte[1 << 20];
    try (var in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buf)) > 0) {
        d.update(buf, 0, n);
      }
    }
    return d.digest();
  }
}
