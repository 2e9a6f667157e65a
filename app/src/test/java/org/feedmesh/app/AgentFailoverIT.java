package org.feedmesh.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.feedmesh.agent.Agent;
import org.feedmesh.agent.AgentConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real agents given both servers keep syncing when the primary server process is killed with
 * SIGKILL: their updates go to the standby, which takes over with the next epoch; what was synced
 * before the kill is still there.
 */
class AgentFailoverIT {
  private static final OkHttpClient HTTP = new OkHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> FAST = List.of("--lease-millis", "900", "--probe-timeout-millis", "300");

  @TempDir Path tmp;

  @Test
  void agentsKeepSyncingThroughTheStandbyAfterThePrimaryIsKilled() throws Exception {
    int pPort = freePort();
    int sPort = freePort();
    String p = "http://127.0.0.1:" + pPort + "/";
    String s = "http://127.0.0.1:" + sPort + "/";
    List<Process> processes = new ArrayList<>();
    try {
      Process primary = server(processes, pPort, tmp.resolve("p"), List.of());
      awaitHealth(p, c -> c.path("role").asText().equals("primary"));
      String admin = Files.readString(tmp.resolve("p/admin.token")).strip();
      server(processes, sPort, tmp.resolve("s"), List.of("--standby-of", p, "--primary-token", admin));
      awaitHealth(p, c -> c.path("peerState").asText().equals("in-sync"));

      FeedmeshJarIT.run("admin", "--server", p, "--token", admin, "create-namespace", "docs");
      String alice = FeedmeshJarIT.run("admin", "--server", p, "--token", admin, "create-endpoint", "alice",
          "--namespace", "docs").stdout().strip();
      String bob = FeedmeshJarIT.run("admin", "--server", p, "--token", admin, "create-endpoint", "bob",
          "--namespace", "docs").stdout().strip();
      Path fa = Files.createDirectories(tmp.resolve("alice"));
      Path fb = Files.createDirectories(tmp.resolve("bob"));
      try (Agent a = Agent.start(config(p, s, alice, fa));
          Agent b = Agent.start(config(p, s, bob, fb))) {
        Files.writeString(fa.resolve("before.txt"), "written before the primary died");
        await(() -> Files.exists(fb.resolve("before.txt")), "before.txt at bob");
        long cursorBefore = a.cursor();

        primary.destroyForcibly().waitFor();
        Files.writeString(fa.resolve("after.txt"), "written after the primary died");
        Files.writeString(fb.resolve("from-bob.txt"), "bob, also after");
        await(() -> Files.exists(fb.resolve("after.txt")) && Files.exists(fa.resolve("from-bob.txt")),
            "the files written after the kill on both sides");

        JsonNode cluster = health(s).path("cluster");
        assertEquals("primary", cluster.path("role").asText(), cluster.toString());
        assertEquals(2, cluster.path("epoch").asLong(), cluster.toString());
        assertEquals("written before the primary died", Files.readString(fb.resolve("before.txt")));
        assertTrue(b.cursor() > cursorBefore, "bob follows the new primary's journal past " + cursorBefore);
      }
    } finally {
      for (Process x : processes) {
        x.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  private static AgentConfig config(String p, String s, String token, Path folder) {
    return new AgentConfig(List.of(URI.create(p), URI.create(s)), token, "docs", folder, null, "127.0.0.1", 0,
        List.of(), null, null, null, null, null, true, false, null, List.of());
  }

  private static Process server(List<Process> all, int port, Path data, List<String> extra) throws IOException {
    Path jar = Path.of(System.getProperty("feedmesh.jar", "target/feedmesh.jar"));
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-jar", jar.toString(), "server", "--host", "127.0.0.1", "--port", Integer.toString(port),
        "--data", data.toString()));
    cmd.addAll(FAST);
    cmd.addAll(extra);
    Path logs = Files.createDirectories(Path.of("target", "agent-failover-logs"));
    Process proc = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(logs.resolve("server-" + data.getFileName() + ".log").toFile()).start();
    all.add(proc);
    return proc;
  }

  private static JsonNode health(String base) throws IOException {
    try (Response r = HTTP.newCall(new Request.Builder().url(base + "health").build()).execute()) {
      return JSON.readTree(r.body().string());
    }
  }

  private static void awaitHealth(String base, Predicate<JsonNode> cluster) throws Exception {
    await(() -> {
      try {
        return cluster.test(health(base).path("cluster"));
      } catch (IOException e) {
        return false;
      }
    }, "the health of " + base);
  }

  interface Check {
    boolean ok() throws Exception;
  }

  private static void await(Check check, String what) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (check.ok()) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("timed out waiting for " + what);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
