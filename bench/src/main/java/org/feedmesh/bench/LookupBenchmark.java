package org.feedmesh.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.feedmesh.lookup.BatchAnswer;
import org.feedmesh.lookup.BatchQuery;
import org.feedmesh.lookup.BlobId;
import org.feedmesh.lookup.BlobLayout;
import org.feedmesh.lookup.BlobLookup;
import org.feedmesh.lookup.Block;
import org.feedmesh.lookup.BlockHash;
import org.feedmesh.lookup.LookupService;
import org.feedmesh.lookup.LookupSettings;
import org.feedmesh.lookup.client.LookupClient;
import org.feedmesh.platform.auth.Access;
import org.feedmesh.platform.auth.AuthFeature;
import org.feedmesh.platform.auth.Caller;
import org.feedmesh.platform.db.Database;
import org.feedmesh.platform.http.HttpServer;
import org.feedmesh.platform.http.HttpSettings;
import org.glassfish.jersey.server.ResourceConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Blob lookup throughput: batch lookups of 1,000 random block hashes against a store of {@code
 * blocks} block records ({@code blocksPerBlob} per blob, every blob held by two endpoints, one blob
 * in ten in a namespace the asker cannot read), in-process and over real HTTP.
 *
 * <p>Score = batches per second; block lookups per second = score x 1,000. The store is built once
 * (through {@code LookupService}, as registrations would) in {@code
 * $TMPDIR/feedmesh-bench-lookup-BLOCKS-PERBLOB} and reused by later runs: building 10 million
 * blocks takes minutes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class LookupBenchmark {
  static final int BATCH = 1_000;
  private static final int QUERY_POOL = 64;
  private static final String READY = "ready";

  @Param({"1000000"})
  public int blocks;

  @Param({"100"})
  public int blocksPerBlob;

  private Database db;
  private BlobLookup lookup;
  private HttpServer http;
  private LookupClient client;
  private final Caller asker =
      Caller.endpoint("phone", Map.of("photos", EnumSet.of(Access.READ)), false);
  private final List<BatchQuery> queries = new ArrayList<>();
  private int next;

  /**
   * Builds the store for {@code blocks} and {@code blocksPerBlob} ahead of a run, outside JMH:
   * {@code java -cp bench/target/benchmarks.jar org.feedmesh.bench.LookupBenchmark 10000000}.
   */
  public static void main(String[] args) throws IOException {
    LookupBenchmark b = new LookupBenchmark();
    b.blocks = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    b.blocksPerBlob = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    Database db = b.prepare();
    b.lookup.close();
    db.close();
  }

  private static LookupSettings settings() {
    return LookupSettings.builder()
        .defaultTtl(Duration.ofDays(3650))
        .maxTtl(Duration.ofDays(3650))
        .build();
  }

  /** Opens the store, building it first when no earlier run left it ready. */
  private Database prepare() throws IOException {
    Path dir =
        Path.of(
            System.getProperty("java.io.tmpdir"),
            "feedmesh-bench-lookup-" + blocks + "-" + blocksPerBlob);
    boolean ready = Files.exists(dir.resolve(READY));
    db = Database.open(dir, "lookup");
    lookup = BlobLookup.open(db, settings(), Clock.systemUTC(), id -> true);
    if (!ready) {
      load(lookup.service());
      lookup.close();
      db.close();
      compact(dir);
      Files.createFile(dir.resolve(READY));
      db = Database.open(dir, "lookup");
      lookup = BlobLookup.open(db, settings(), Clock.systemUTC(), id -> true);
    }
    return db;
  }

  @Setup(Level.Trial)
  public void open() throws IOException {
    prepare();
    SplittableRandom random = new SplittableRandom(42);
    int blobCount = blocks / blocksPerBlob;
    for (int q = 0; q < QUERY_POOL; q++) {
      List<BlockHash> batch = new ArrayList<>(BATCH);
      for (int i = 0; i < BATCH; i++) {
        batch.add(blockHash(random.nextInt(blobCount), random.nextInt(blocksPerBlob)));
      }
      queries.add(BatchQuery.ofBlocks(batch));
    }
    int answered = lookup.service().lookup(asker, queries.get(0)).blocks().size();
    if (answered < BATCH * 8 / 10 || answered == BATCH) {
      throw new IllegalStateException(
          "the store answers "
              + answered
              + " of "
              + BATCH
              + " block hashes; about 900 (the visible nine in ten) were expected: delete the store"
              + " in "
              + System.getProperty("java.io.tmpdir")
              + " and run again");
    }
    ResourceConfig app =
        new ResourceConfig().register(new AuthFeature(token -> Optional.of(asker)));
    lookup.addResourcesTo(app);
    http = new HttpServer(HttpSettings.loopback(), app);
    http.start();
    client = new LookupClient(new OkHttpClient(), http.baseUri(), "fm_bench");
  }

  /** Registers every blob for two holders, in transactions of 100 blobs. */
  private void load(LookupService service) {
    int blobCount = blocks / blocksPerBlob;
    long started = System.nanoTime();
    for (int first = 0; first < blobCount; first += 100) {
      List<BlobLayout> photos = new ArrayList<>();
      List<BlobLayout> other = new ArrayList<>();
      for (int b = first; b < Math.min(blobCount, first + 100); b++) {
        (b % 10 == 9 ? other : photos).add(layout(b));
      }
      for (String holder : List.of("laptop", "desktop")) {
        if (!photos.isEmpty()) {
          service.itemsPublished(holder, "photos", photos);
        }
        if (!other.isEmpty()) {
          service.itemsPublished(holder, "other", other);
        }
      }
      if (first % 10_000 == 0 && first > 0) {
        System.out.printf(
            "loaded %,d of %,d blobs (%.0f s)%n",
            first, blobCount, (System.nanoTime() - started) / 1e9);
      }
    }
    System.out.printf("loaded %,d blocks in %.0f s%n", blocks, (System.nanoTime() - started) / 1e9);
  }

  /**
   * Bulk loading leaves the file mostly dead pages (every commit rewrites the index pages it
   * touched); a server that runs for a while compacts in the background. Compact once, so the
   * benchmark reads a store in that steady state.
   */
  private static void compact(Path dir) throws IOException {
    try (java.sql.Connection c =
            java.sql.DriverManager.getConnection(
                Database.urlFor(dir.resolve("lookup")), "feedmesh", "");
        java.sql.Statement s = c.createStatement()) {
      s.execute("SHUTDOWN COMPACT");
    } catch (java.sql.SQLException e) {
      throw new IOException("could not compact the benchmark store in " + dir, e);
    }
  }

  private BlobLayout layout(int blob) {
    List<Block> list = new ArrayList<>(blocksPerBlob);
    for (int i = 0; i < blocksPerBlob; i++) {
      list.add(new Block(i, (long) i << 20, 1 << 20, blockHash(blob, i)));
    }
    return new BlobLayout(BlobId.of(sha256("blob", blob, 0)), (long) blocksPerBlob << 20, list);
  }

  static BlockHash blockHash(int blob, int index) {
    return BlockHash.of(sha256("block", blob, index));
  }

  private static byte[] sha256(String kind, int a, int b) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(kind.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      md.update(ByteBuffer.allocate(8).putInt(a).putInt(b).array());
      return md.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private BatchQuery nextQuery() {
    next = (next + 1) % QUERY_POOL;
    return queries.get(next);
  }

  /** One batch of 1,000 block hashes through {@code LookupService} (as the resource calls it). */
  @Benchmark
  public BatchAnswer batchOf1000BlockHashes() {
    return lookup.service().lookup(asker, nextQuery());
  }

  /** The same over real HTTP on loopback: JSON both ways, {@code LookupClient}, Jersey, Jetty. */
  @Benchmark
  public BatchAnswer batchOf1000BlockHashesOverHttp() throws IOException {
    return client.lookup(nextQuery());
  }

  @TearDown(Level.Trial)
  public void close() {
    http.close();
    lookup.close();
    db.close();
  }
}
