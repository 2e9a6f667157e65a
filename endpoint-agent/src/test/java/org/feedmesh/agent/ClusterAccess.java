package org.feedmesh.agent;

import java.io.IOException;
import java.nio.file.Path;
import org.feedmesh.feedsync.fm.FileMeta;

/** Two running agents (alice, bob) on a real server, for tests outside this package. */
public final class ClusterAccess implements AutoCloseable {
  private final Cluster cluster;

  public ClusterAccess(Path root) throws IOException {
    cluster = new Cluster(root, "alice", "bob");
    cluster.start("alice");
    cluster.start("bob");
  }

  public Path folder(String endpoint) {
    return cluster.folder(endpoint);
  }

  public String serverUri() {
    return cluster.server.baseUri().toString();
  }

  public String token(String endpoint) {
    return cluster.tokens.get(endpoint);
  }

  public void awaitConverged() {
    cluster.awaitConverged("alice", "bob");
  }

  /** Waits until bob has reported the current version of {@code path} as applied. */
  public void awaitDelivered(String path) {
    String id = FileMeta.itemId(Cluster.NS, path);
    Cluster.await("bob to report " + path + " applied", () -> cluster.server.status().itemStatus(Cluster.NS, id)
        .stream().anyMatch(e -> e.endpoint().equals("bob") && e.result().json().equals("applied")));
  }

  @Override
  public void close() {
    cluster.close();
  }
}
