package org.feedmesh.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.feedmesh.agent.blocks.ChunkerParams;
import org.feedmesh.feedsync.Item;
import org.feedmesh.feedsync.fm.FileMeta;
import org.feedmesh.feedsync.fm.Sha256;
import org.feedmesh.platform.auth.Tokens;
import org.feedmesh.server.FeedServer;
import org.feedmesh.server.ServerConfig;
import org.feedmesh.server.accounts.Grant;

/**
 * A real feed server (loopback, H2 in a temp dir) and real agents on real folders, for tests.
 * Small chunker parameters keep multi-block files small.
 */
final class Cluster implements AutoCloseable {
  static final String NS = "docs";
  static final ChunkerParams SMALL = new ChunkerParams(16 * 1024, 64 * 1024, 256 * 1024);
  static final Duration PATIENCE = Duration.ofSeconds(30);

  final Path root;
  final FeedServer server;
  final Map<String, String> tokens = new TreeMap<>();
  final List<Agent> agents = new ArrayList<>();

  Cluster(Path root, String... endpoints) throws IOException {
    this.root = root;
    this.server = FeedServer.start(ServerConfig.loopback(Files.createDirectories(root.resolve("server"))));
    server.accounts().createNamespace(NS);
    Tokens t = Tokens.secure();
    for (String e : endpoints) {
      String token = t.newToken();
      server.accounts().createEndpoint(e, e, Map.of(NS, Grant.readWrite()), false, Tokens.hash(token));
      tokens.put(e, token);
    }
  }

  Path folder(String endpoint) {
    return root.resolve("folders").resolve(endpoint);
  }

  AgentConfig config(String endpoint) {
    return AgentConfig.of(server.baseUri(), tokens.get(endpoint), NS, folder(endpoint))
        .withPeer("127.0.0.1", 0)
        .withChunker(SMALL);
  }

  /**
   * {@code endpoint}'s config with its peer port behind {@code proxy} (the URL it announces is the
   * proxy's) and default-sized blocks: a slow peer.
   */
  AgentConfig behind(String endpoint, ThrottledProxy proxy) {
    return config(endpoint).withPeer("127.0.0.1", proxy.targetPort())
        .withPeerUrls(List.of(proxy.uri())).withChunker(ChunkerParams.DEFAULT);
  }

  Agent start(String endpoint) throws IOException {
    return start(config(endpoint));
  }

  Agent start(AgentConfig config) throws IOException {
    Files.createDirectories(config.folder());
    Agent a = Agent.start(config);
    agents.add(a);
    return a;
  }

  /**
   * {@code endpoint}'s agent as a process of its own, for tests that kill it with SIGKILL; its
   * output goes to {@code log}. Default-sized blocks, as on the command line.
   */
  Process startProcess(String endpoint, Path log) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("org.feedmesh.agent.cli.AgentMain");
    cmd.addAll(List.of("--server", server.baseUri().toString(), "--token", tokens.get(endpoint),
        "--namespace", NS, "--folder", folder(endpoint).toString(), "--peer-host", "127.0.0.1"));
    Files.createDirectories(folder(endpoint));
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  void stop(Agent a) {
    agents.remove(a);
    a.close();
  }

  /** Whether the server's current version of {@code path} is a delete. */
  boolean journalDeleted(String path) {
    return server.journal().current(NS, FileMeta.itemId(NS, path)).map(Item::isDeleted).orElse(false);
  }

  /** Whether the server's current version of {@code path} is an update (not the create) by {@code by}. */
  boolean journalHas(String path, String by) {
    var item = server.journal().current(NS, FileMeta.itemId(NS, path));
    return item.isPresent() && item.get().updates() > 1 && by.equals(item.get().topmost().by());
  }

  /** Every synced path (files, dirs, symlinks) of a folder with a fingerprint of its content. */
  static Map<String, String> snapshot(Path folder) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(folder)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        String rel = folder.relativize(p).toString();
        if (rel.isEmpty() || rel.equals(".feedmesh") || rel.startsWith(".feedmesh/") || rel.contains(".feedmesh-tmp-")) {
          continue;
        }
        if (Files.isSymbolicLink(p)) {
          out.put(rel, "-> " + Files.readSymbolicLink(p));
        } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          out.put(rel, "dir");
        } else {
          out.put(rel, Sha256.hex(Files.readAllBytes(p)));
        }
      }
    }
    return out;
  }

  static void await(String what, BooleanSupplier condition) {
    Instant deadline = Instant.now().plus(PATIENCE);
    while (Instant.now().isBefore(deadline)) {
      if (condition.getAsBoolean()) {
        return;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what);
      }
    }
    throw new AssertionError("timed out after " + PATIENCE.toSeconds() + " s waiting for " + what);
  }

  /** Waits until both folders show the same snapshot with exactly {@code entries} paths. */
  Map<String, String> awaitConvergedWith(String a, String b, int entries) {
    await(a + " and " + b + " to hold " + entries + " paths", () -> {
      try {
        return snapshot(folder(a)).size() == entries && snapshot(folder(a)).equals(snapshot(folder(b)));
      } catch (IOException | java.io.UncheckedIOException e) {
        return false;
      }
    });
    return awaitConverged(a, b);
  }

  /** Waits until every folder shows the same snapshot as the first; returns it. */
  Map<String, String> awaitConverged(String... endpoints) {
    Map<String, String>[] last = new Map[1];
    try {
      await("folders " + String.join(", ", endpoints) + " to converge", () -> {
        try {
          Map<String, String> first = snapshot(folder(endpoints[0]));
          for (int i = 1; i < endpoints.length; i++) {
            if (!snapshot(folder(endpoints[i])).equals(first)) {
              return false;
            }
          }
          last[0] = first;
          return true;
        } catch (IOException | java.io.UncheckedIOException e) {
          return false; // a file moved while the folder was walked: look again
        }
      });
    } catch (AssertionError e) {
      StringBuilder b = new StringBuilder(e.getMessage());
      for (String ep : endpoints) {
        try {
          b.append("\n").append(ep).append(": ").append(snapshot(folder(ep)));
        } catch (IOException io) {
          b.append("\n").append(ep).append(": ").append(io);
        }
      }
      throw new AssertionError(b.toString());
    }
    return last[0];
  }

  @Override
  public void close() {
    for (Agent a : agents) {
      a.close();
    }
    server.close();
  }
}
