package org.feedmesh.server.cluster;

import org.feedmesh.platform.db.CommitHook;
import org.feedmesh.platform.db.Database;
import org.glassfish.jersey.server.ResourceConfig;

/**
 * What a {@link org.feedmesh.server.FeedServer} needs from the pair it is part of: a commit hook
 * for its database, a chance to add its gate and resources once the schema is in place, and its
 * state for {@code /health}. {@link #STANDALONE} for a server without a pair (tests, the demo).
 */
public interface ClusterMember extends AutoCloseable {
  ClusterMember STANDALONE =
      new ClusterMember() {
        @Override
        public CommitHook commitHook() {
          return CommitHook.NONE;
        }

        @Override
        public void join(Database db, ResourceConfig app) {}

        @Override
        public ClusterView view() {
          return ClusterView.standalone();
        }

        @Override
        public void close() {}
      };

  /** Runs after every committed transaction of the server's database. */
  CommitHook commitHook();

  /** Called once every component migrated its schema, before HTTP starts. */
  void join(Database db, ResourceConfig app);

  ClusterView view();

  /** Called after HTTP stopped, before the database closes. */
  @Override
  void close();
}
