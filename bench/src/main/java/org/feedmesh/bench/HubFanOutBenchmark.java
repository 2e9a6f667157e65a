package org.feedmesh.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.feedmesh.feedsync.Item;
import org.feedmesh.feedsync.Payload;
import org.feedmesh.platform.auth.Caller;
import org.feedmesh.server.FeedServer;
import org.feedmesh.server.ServerConfig;
import org.feedmesh.server.accounts.AdminToken;
import org.feedmesh.server.hub.HubSettings;
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
 * WebSub fan-out: the time from one publish (a one-item journal commit in a real feed server) until
 * every one of {@code subscribers} verified subscribers on a loopback callback server has received
 * its distribution (a real HTTP POST with the Atom body). The subscriptions are made through {@code
 * POST /hub} with real verification of intent during setup, not measured.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class HubFanOutBenchmark {
  private static final String NS = "fanout";

  @Param("1000")
  int subscribers;

  @Param("64")
  int maxInFlight;

  private Path data;
  private FeedServer server;
  private HttpServer callbacks;
  private ExecutorService callbackThreads;
  private volatile CountDownLatch received = new CountDownLatch(0);
  private final AtomicLong published = new AtomicLong();

  @Setup(Level.Trial)
  public void start() throws Exception {
    data = Files.createTempDirectory("feedmesh-bench-hub");
    server =
        FeedServer.start(
            ServerConfig.loopback(data)
                .withHub(HubSettings.defaults().withMaxInFlight(maxInFlight)));
    String admin = AdminToken.read(data.resolve(AdminToken.FILE_NAME));
    server.accounts().createNamespace(NS);
    callbackThreads = Executors.newFixedThreadPool(16);
    callbacks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4096);
    callbacks.createContext("/", this::answer);
    callbacks.setExecutor(callbackThreads);
    callbacks.start();
    subscribeAll(admin);
  }

  private void subscribeAll(String admin) throws IOException, InterruptedException {
    OkHttpClient http = new OkHttpClient();
    String topic = server.baseUri() + "feeds/" + NS;
    for (int i = 0; i < subscribers; i++) {
      String callback = "http://127.0.0.1:" + callbacks.getAddress().getPort() + "/cb/" + i;
      Request request =
          new Request.Builder()
              .url(server.baseUri() + "hub")
              .header("Authorization", "Bearer " + admin)
              .post(
                  new FormBody.Builder()
                      .add("hub.mode", "subscribe")
                      .add("hub.topic", topic)
                      .add("hub.callback", callback)
                      .add("hub.secret", "bench-secret-" + i)
                      .build())
              .build();
      try (Response r = http.newCall(request).execute()) {
        if (r.code() == 503) { // too many verifications waiting: let them drain
          Thread.sleep(100);
          i--;
        } else if (r.code() != 202) {
          throw new IllegalStateException(
              "subscribe answered " + r.code() + ": " + r.body().string());
        }
      }
    }
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (server.hub().subscriptions().countLive(Instant.now()) < subscribers) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "only "
                + server.hub().subscriptions().countLive(Instant.now())
                + " of "
                + subscribers
                + " subscriptions were verified");
      }
      Thread.sleep(50);
    }
  }

  private void answer(HttpExchange exchange) throws IOException {
    try (exchange;
        InputStream in = exchange.getRequestBody()) {
      in.readAllBytes();
      if (exchange.getRequestMethod().equals("GET")) {
        String challenge = challenge(exchange.getRequestURI().getRawQuery());
        byte[] body = challenge.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
        return;
      }
      exchange.sendResponseHeaders(204, -1);
      received.countDown();
    }
  }

  private static String challenge(String query) {
    for (String pair : query.split("&")) {
      if (pair.startsWith("hub.challenge=")) {
        return URLDecoder.decode(pair.substring("hub.challenge=".length()), StandardCharsets.UTF_8);
      }
    }
    return "";
  }

  /** One publish, then wait until every subscriber has its distribution. */
  @Benchmark
  public void publishOneItemToAllSubscribers() throws InterruptedException {
    CountDownLatch all = new CountDownLatch(subscribers);
    received = all;
    long n = published.incrementAndGet();
    Item item =
        Item.create(
            "bench-" + n,
            "bench",
            Instant.parse("2026-03-01T10:00:00Z"),
            Payload.EMPTY.withTitle(Payload.Text.plain("file " + n)));
    server.journal().publish(NS, Caller.admin(), List.of(item));
    if (!all.await(2, TimeUnit.MINUTES)) {
      throw new IllegalStateException(all.getCount() + " subscribers still waiting");
    }
  }

  @TearDown(Level.Trial)
  public void stop() throws IOException {
    double failures = server.metrics().find("feedmesh.hub.delivery.failures").counter().count();
    System.out.printf(
        "%nhub: %d publishes, %.0f failed distributions%n", published.get(), failures);
    server.close();
    callbacks.stop(0);
    callbackThreads.shutdownNow();
    try (Stream<Path> files = Files.walk(data)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
