package org.feedmesh.server.cluster;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Properties;

/**
 * Keeps a {@link NodeState} in {@code DATA/cluster.properties}: written to a temporary file,
 * fsynced, renamed into place, so a crash leaves the old state or the new one. Not replicated: each
 * server of the pair has its own. Thread-safe.
 */
public final class NodeStateFile {
  public static final String FILE_NAME = "cluster.properties";

  private final Path file;
  private NodeState state;

  private NodeStateFile(Path file, NodeState state) {
    this.file = file;
    this.state = state;
  }

  /** Loads the state, or stores {@code initial} when there is none yet. */
  public static NodeStateFile open(Path dataDir, NodeState initial) throws IOException {
    Path file = dataDir.resolve(FILE_NAME);
    if (!Files.exists(file)) {
      NodeStateFile created = new NodeStateFile(file, initial);
      created.write(initial);
      return created;
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    }
    try {
      String peer = p.getProperty("peer", "");
      NodeState s =
          new NodeState(
              Long.parseLong(p.getProperty("epoch")),
              Role.valueOf(p.getProperty("role")),
              peer.isEmpty() ? Optional.empty() : Optional.of(URI.create(peer)),
              Boolean.parseBoolean(p.getProperty("sync", "false")),
              Long.parseLong(p.getProperty("syncSince", "0")),
              Boolean.parseBoolean(p.getProperty("inSync", "false")));
      return new NodeStateFile(file, s);
    } catch (RuntimeException e) {
      throw new IOException("cannot read the cluster state in " + file + ": " + e.getMessage(), e);
    }
  }

  public synchronized NodeState get() {
    return state;
  }

  /** Stores {@code next} durably, then makes it the current state. */
  public synchronized NodeState set(NodeState next) {
    if (next.epoch() < state.epoch()) {
      throw new IllegalStateException(
          "epochs only grow: stored " + state.epoch() + ", asked to store " + next.epoch());
    }
    try {
      write(next);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot store the cluster state in " + file, e);
    }
    state = next;
    return next;
  }

  private void write(NodeState s) throws IOException {
    Properties p = new Properties();
    p.setProperty("epoch", Long.toString(s.epoch()));
    p.setProperty("role", s.role().name());
    p.setProperty("peer", s.peer().map(URI::toString).orElse(""));
    p.setProperty("sync", Boolean.toString(s.sync()));
    p.setProperty("syncSince", Long.toString(s.syncSince()));
    p.setProperty("inSync", Boolean.toString(s.inSync()));
    Path temp = file.resolveSibling(FILE_NAME + ".tmp");
    try (Writer w = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
      p.store(w, "FeedMesh cluster state: written by the server, do not edit while it runs");
    }
    try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
