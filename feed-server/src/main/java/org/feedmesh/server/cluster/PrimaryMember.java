package org.feedmesh.server.cluster;

import java.nio.file.Path;
import java.util.Objects;
import org.feedmesh.platform.db.CommitHook;
import org.feedmesh.platform.db.Database;
import org.glassfish.jersey.server.ResourceConfig;

/** A feed server as the primary of a pair: its replication source, gate and cluster resource. */
final class PrimaryMember implements ClusterMember {
  private final ReplicationSource source;
  private final ClusterSettings settings;
  private final Path tempDir;

  PrimaryMember(ReplicationSource source, ClusterSettings settings, Path tempDir) {
    this.source = Objects.requireNonNull(source, "source");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.tempDir = Objects.requireNonNull(tempDir, "tempDir");
  }

  @Override
  public CommitHook commitHook() {
    return source::committed;
  }

  @Override
  public void join(Database db, ResourceConfig app) {
    source.attach(db);
    app.register(new PrimaryGate(source, settings));
    app.register(new PrimaryClusterResource(source, tempDir));
  }

  @Override
  public ClusterView view() {
    return source.view();
  }

  @Override
  public void close() {
    source.close();
  }
}
