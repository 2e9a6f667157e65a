package org.feedmesh.server.cluster;

/** What a server of a primary/standby pair is doing. */
public enum Role {
  /** Approves updates (while it may: see {@link ClusterView#approving()}). */
  PRIMARY,
  /** Copies the primary's database and takes over when asked and allowed. */
  STANDBY;

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
