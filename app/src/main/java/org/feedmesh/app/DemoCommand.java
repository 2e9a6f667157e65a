package org.feedmesh.app;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;

import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.feedmesh.agent.Agent;
import org.feedmesh.agent.AgentConfig;
import org.feedmesh.platform.auth.Tokens;
import org.feedmesh.server.FeedServer;
import org.feedmesh.server.ServerConfig;
import org.feedmesh.server.accounts.Grant;
import org.feedmesh.webapp.WebApp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code feedmesh demo}: a feed server and two agents on temporary folders on this machine. Puts
 * sample files into the first folder, shows them arriving in the second with where their blocks
 * came from, prints the browser view and the feed, and runs until Ctrl-C; then it removes
 * everything it made.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Shows FeedMesh at work: a feed server and two agents (alice, bob) on temporary folders.",
      "Puts sample files into alice's folder and shows them arriving in bob's. Runs until Ctrl-C,",
      "then cleans up."
    })
public final class DemoCommand implements Callable<Integer> {
  static final String NAMESPACE = "demo";

  @Spec CommandSpec spec;

  @Option(names = "--port", defaultValue = "8080",
      description = "Port for the feed server (0, or taken: any free port). Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(names = "--exit-after-sync", hidden = true,
      description = "Stop once the samples have arrived (for tests).")
  boolean exitAfterSync;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Path root = Files.createTempDirectory("feedmesh-demo-");
    CountDownLatch stop = new CountDownLatch(1);
    CountDownLatch cleaned = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      stop.countDown();
      try {
        cleaned.await(20, java.util.concurrent.TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "feedmesh-demo-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try (FeedServer server = startServer(root.resolve("server"))) {
      server.accounts().createNamespace(NAMESPACE);
      Tokens tokens = Tokens.secure();
      String alice = tokens.newToken();
      String bob = tokens.newToken();
      server.accounts().createEndpoint("alice", "alice's laptop", Map.of(NAMESPACE, Grant.readWrite()), false, Tokens.hash(alice));
      server.accounts().createEndpoint("bob", "bob's desktop", Map.of(NAMESPACE, Grant.readWrite()), false, Tokens.hash(bob));
      Path a = Files.createDirectories(root.resolve("alice"));
      Path b = Files.createDirectories(root.resolve("bob"));
      try (Agent agentA = Agent.start(agent(server, alice, a));
          Agent agentB = Agent.start(agent(server, bob, b))) {
        out.printf("FeedMesh demo: a feed server and two agents on this machine%n");
        out.printf("  server       %s  (admin token in %s)%n", server.baseUri(), server.adminTokenFile());
        out.printf("  alice        %s  (peer port %d)%n", a, agentA.peerServer().port());
        out.printf("  bob          %s  (peer port %d)%n%n", b, agentB.peerServer().port());
        out.flush();
        Map<String, Long> samples = writeSamples(a);
        out.printf("put %d sample files into alice's folder; waiting for them in bob's...%n", samples.size());
        out.flush();
        long started = System.nanoTime();
        waitForArrival(b, samples, Duration.ofSeconds(60));
        out.printf("all %d files arrived in bob's folder in %d ms:%n", samples.size(),
            (System.nanoTime() - started) / 1_000_000);
        samples.forEach((p, size) -> out.printf("  %-32s %,12d bytes%n", p, size));
        out.printf("%nwhere bob's bytes came from:%n");
        agentB.transfers().totals().forEach((from, bytes) -> out.printf("  %-12s %,12d bytes%s%n", from, bytes,
            from.equals("local") ? "  (blocks already on bob's disk)" : "  (peer to peer, not through the server)"));
        out.printf("%nbytes the feed server sent in all (feeds, JSON; no file contents): %,d%n", server.bytesSent());
        out.printf("%nbrowser view  %s   (sign in with alice's token, below)%n", slash(server));
        out.printf("Atom feed     %sfeeds/%s   (sign in with a token; RSS: ?format=rss)%n", slash(server), NAMESPACE);
        out.printf("alice's token %s%nbob's token   %s%n", alice, bob);
        out.printf("%nEdit files in either folder and watch them sync. Ctrl-C stops the demo and removes %s.%n", root);
        out.flush();
        if (!exitAfterSync) {
          stop.await();
        }
      }
    } finally {
      deleteTree(root);
      cleaned.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // already shutting down
      }
    }
    return 0;
  }

  private FeedServer startServer(Path data) throws IOException {
    Files.createDirectories(data);
    ServerConfig base = ServerConfig.loopback(data);
    try {
      return FeedServer.start(withPort(base, port), Clock.systemUTC(), new SecureRandom(), List.of(new WebApp()));
    } catch (IOException | RuntimeException e) {
      if (port == 0) {
        throw e;
      }
      spec.commandLine().getErr().println("port " + port + " is taken; using a free port");
      return FeedServer.start(base, Clock.systemUTC(), new SecureRandom(), List.of(new WebApp()));
    }
  }

  private static ServerConfig withPort(ServerConfig c, int port) {
    return new ServerConfig(c.host(), port, c.dataDir(), c.maxBodyBytes(), c.publicUrl(), c.standbyOf(), c.hub());
  }

  private static AgentConfig agent(FeedServer server, String token, Path folder) {
    return AgentConfig.of(server.baseUri(), token, NAMESPACE, folder).withPeer("127.0.0.1", 0);
  }

  private static String slash(FeedServer s) {
    String u = s.baseUri().toString();
    return u.endsWith("/") ? u : u + "/";
  }

  static Map<String, Long> writeSamples(Path folder) throws IOException {
    Map<String, Long> out = new LinkedHashMap<>();
    write(folder, "README.txt", "Files put here appear in every folder of the namespace.\n".getBytes(StandardCharsets.UTF_8), out);
    write(folder, "notes/Grüße aus Köln.txt", "Non-ASCII and spaces sync too.\n".getBytes(StandardCharsets.UTF_8), out);
    write(folder, "notes/todo.md", "- try editing this file in bob's folder\n".getBytes(StandardCharsets.UTF_8), out);
    Files.createDirectories(folder.resolve("photos"));
    Random r = new Random(42);
    Path big = folder.resolve("photos/big-photo.raw");
    try (OutputStream o = Files.newOutputStream(big)) {
      byte[] buf = new byte[1 << 20];
      for (int i = 0; i < 6; i++) {
        r.nextBytes(buf);
        o.write(buf);
      }
    }
    out.put("photos/big-photo.raw", Files.size(big));
    return out;
  }

  private static void write(Path folder, String rel, byte[] data, Map<String, Long> out) throws IOException {
    Path p = folder.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.write(p, data);
    out.put(rel, (long) data.length);
  }

  static void waitForArrival(Path folder, Map<String, Long> files, Duration within) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(within);
    while (Instant.now().isBefore(deadline)) {
      boolean all = true;
      for (var e : files.entrySet()) {
        Path p = folder.resolve(e.getKey());
        if (!Files.isRegularFile(p) || Files.size(p) != e.getValue()) {
          all = false;
          break;
        }
      }
      if (all) {
        return;
      }
      Thread.sleep(50);
    }
    throw new IOException("the sample files did not arrive within " + within.toSeconds() + " s; see the log above");
  }

  static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
          Files.deleteIfExists(f);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
          Files.deleteIfExists(d);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      System.err.println("could not remove " + root + ": " + e.getMessage());
    }
  }

}
