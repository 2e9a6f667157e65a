package org.feedmesh.platform.db;

/**
 * Runs after every {@link Database#transaction} committed, on the committing thread, after its
 * connection went back to the pool and before {@code transaction} returns. A replicated server uses
 * it to hold the acknowledgement of a write until the standby has the write too.
 *
 * <p>Throwing makes {@code transaction} throw that exception although the data is committed: the
 * caller learns that the write is not acknowledged (for example a 503 when the standby did not
 * confirm it in time). Auto-commit writes through {@link Database#read} do not run the hook.
 */
@FunctionalInterface
public interface CommitHook {
  /** The hook of a database that nobody replicates. */
  CommitHook NONE = () -> {};

  void committed();
}
