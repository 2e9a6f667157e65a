package org.feedmesh.server.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.feedmesh.server.ForkedServer;

/** A {@code feedmesh server} of a pair in its own JVM, on a fixed port, so it can be killed and restarted. */
final class ForkedNode implements AutoCloseable {
  private static final OkHttpClient HTTP = new OkHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final int port;
  private final Path data;
  private final Path log;
  private final List<String> args;
  private Process process;
  private int starts;

  ForkedNode(int port, Path data, Path log, List<String> args) {
    this.port = port;
    this.data = data;
    this.log = log;
    this.args = List.copyOf(args);
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  String url() {
    return "http://127.0.0.1:" + port + "/";
  }

  Path data() {
    return data;
  }

  ForkedNode start() throws IOException, InterruptedException {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                ForkedServer.class.getName(),
                "--host",
                "127.0.0.1",
                "--port",
                Integer.toString(port),
                "--data",
                data.toString()));
    cmd.addAll(args);
    Path out = log.resolveSibling(log.getFileName() + "." + (++starts));
    process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    awaitHealth(h -> true, 60);
    return this;
  }

  /** Polls {@code /health} until its {@code cluster} part matches; returns it. */
  JsonNode awaitHealth(Predicate<JsonNode> cluster, int seconds)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    JsonNode last = null;
    while (true) {
      if (process != null && !process.isAlive()) {
        throw new IOException("server on " + port + " exited: " + tail());
      }
      try (Response r = HTTP.newCall(new Request.Builder().url(url() + "health").build()).execute()) {
        if (r.code() == 200) {
          last = JSON.readTree(r.body().string()).path("cluster");
          if (cluster.test(last)) {
            return last;
          }
        }
      } catch (IOException notYet) {
        // starting or changing role
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("server on " + port + " never showed the state wanted; last " + last
            + "\n" + tail());
      }
      Thread.sleep(50);
    }
  }

  String tail() throws IOException {
    StringBuilder b = new StringBuilder();
    for (int i = 1; i <= starts; i++) {
      Path p = log.resolveSibling(log.getFileName() + "." + i);
      if (Files.exists(p)) {
        String text = Files.readString(p);
        b.append("--- ").append(p).append('\n')
            .append(text.length() > 6000 ? text.substring(text.length() - 6000) : text);
      }
    }
    return b.toString();
  }

  void kill() throws InterruptedException {
    if (process != null) {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Override
  public void close() throws InterruptedException {
    kill();
  }
}
