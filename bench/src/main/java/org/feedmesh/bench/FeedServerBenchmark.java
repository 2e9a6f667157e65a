package org.feedmesh.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.feedmesh.feedsync.FeedHead;
import org.feedmesh.feedsync.Item;
import org.feedmesh.feedsync.Payload;
import org.feedmesh.feedsync.SyncFeed;
import org.feedmesh.feedsync.fm.Block;
import org.feedmesh.feedsync.fm.FileMeta;
import org.feedmesh.feedsync.fm.Sha256;
import org.feedmesh.feedsync.xml.FeedFormat;
import org.feedmesh.feedsync.xml.FeedXml;
import org.feedmesh.platform.auth.Caller;
import org.feedmesh.platform.auth.Tokens;
import org.feedmesh.server.FeedServer;
import org.feedmesh.server.ServerConfig;
import org.feedmesh.server.accounts.Grant;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The feed server over real HTTP on loopback, data in a temporary directory:
 *
 * <ul>
 *   <li>{@code publish1000}: POST an Atom feed of 1,000 new file items (each a journaled version);
 *       the score is items per second.
 *   <li>{@code longPollWakeUp}: a client long-polls ({@code ?since=LAST&wait=30}); the benchmark
 *       journals one item and measures until the client has the answer.
 * </ul>
 */
@State(Scope.Benchmark)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class FeedServerBenchmark {
  private static final Instant T = Instant.parse("2026-05-01T10:00:00Z");
  private static final MediaType ATOM = MediaType.get(FeedFormat.ATOM.mediaType());

  private Path data;
  private FeedServer server;
  private String token;
  private OkHttpClient client;
  private long next;

  @Setup(Level.Trial)
  public void start() throws IOException {
    data = Files.createTempDirectory("feedmesh-bench");
    server = FeedServer.start(ServerConfig.loopback(data));
    server.accounts().createNamespace("bench");
    token = Tokens.secure().newToken();
    server
        .accounts()
        .createEndpoint(
            "laptop",
            null,
            java.util.Map.of("bench", Grant.readWrite()),
            false,
            Tokens.hash(token));
    client = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(60)).build();
  }

  @TearDown(Level.Trial)
  public void stop() throws IOException {
    server.close();
    try (var paths = Files.walk(data)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  static Item file(long n) {
    String path = "dir-" + (n % 100) + "/file-" + n + ".bin";
    String blob = Sha256.hex(path);
    List<Block> blocks =
        List.of(
            new Block(0, 1 << 20, Sha256.hex(path + "#0")),
            new Block(1 << 20, 4096, Sha256.hex(path + "#1")));
    FileMeta meta = FileMeta.file(path, (1 << 20) + 4096, T, 0644, blob, blocks);
    return Item.create(FileMeta.itemId("bench", path), "laptop", T, Payload.ofFile(meta));
  }

  private byte[] nextFeed(int items) {
    List<Item> list = new ArrayList<>(items);
    for (int i = 0; i < items; i++) {
      list.add(file(next++));
    }
    return FeedXml.toBytes(
        new SyncFeed(FeedHead.of("urn:bench", "bench", T), list), FeedFormat.ATOM);
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @OperationsPerInvocation(1000)
  public int publish1000() throws IOException {
    Request req =
        new Request.Builder()
            .url(server.baseUri() + "feeds/bench")
            .header("Authorization", "Bearer " + token)
            .post(RequestBody.create(nextFeed(1000), ATOM))
            .build();
    try (Response r = client.newCall(req).execute()) {
      if (r.code() != 200) {
        throw new IllegalStateException("publish answered " + r.code() + ": " + r.body().string());
      }
      return r.body().bytes().length;
    }
  }

  private CompletableFuture<Integer> parked;

  /** Before each wake-up: a client's long-poll is parked on the server (not timed). */
  @Setup(Level.Invocation)
  public void park() {
    long last = server.journal().lastCursor("bench");
    double parkedBefore = waiting();
    CompletableFuture<Integer> answer = new CompletableFuture<>();
    Request req =
        new Request.Builder()
            .url(server.baseUri() + "feeds/bench?since=" + last + "&wait=30")
            .header("Authorization", "Bearer " + token)
            .build();
    client
        .newCall(req)
        .enqueue(
            new Callback() {
              @Override
              public void onResponse(Call call, Response response) {
                try (response) {
                  answer.complete(response.body().bytes().length);
                } catch (IOException e) {
                  answer.completeExceptionally(e);
                }
              }

              @Override
              public void onFailure(Call call, IOException e) {
                answer.completeExceptionally(e);
              }
            });
    while (waiting() <= parkedBefore) {
      Thread.onSpinWait();
    }
    parked = answer;
  }

  /** Journals one item and waits until the parked client has its answer. */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public int longPollWakeUp() throws Exception {
    server.journal().publish("bench", Caller.admin(), List.of(file(next++)));
    return parked.get(30, TimeUnit.SECONDS);
  }

  private double waiting() {
    return server.metrics().get("feedmesh.longpoll.waiting").gauge().value();
  }
}
