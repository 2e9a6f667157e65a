package org.feedmesh.agent.index;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.function.Function;
import org.feedmesh.feedsync.fm.Block;
import org.feedmesh.feedsync.fm.RelativePath;
import org.feedmesh.platform.db.Database;

/**
 * The agent's own index: an H2 database {@code STATE/index.mv.db} (URL with {@code WRITE_DELAY=0},
 * so a committed change survives {@code kill -9} of the agent). It holds one row per path ({@link
 * IndexEntry}), a block index (hash → file, offset, size) over the live files and the files kept
 * under {@code .feedmesh/versions/}, the journal cursor per namespace and a small key/value store.
 *
 * <p>Each method is its own transaction; {@link #transaction} groups several (e.g. rows plus the
 * cursor after applying a journal page). Thread-safe. The owner {@link #close() closes} it; one
 * process at a time can open a state directory (H2 locks the file).
 */
public final class AgentIndex implements AutoCloseable {
  /** The database file name inside the state directory (without H2's {@code .mv.db}). */
  public static final String DATABASE_NAME = "index";

  private final Database db;

  private AgentIndex(Database db) {
    this.db = db;
  }

  /** Opens (creating if needed) the index in {@code stateDir} and brings its schema up to date. */
  public static AgentIndex open(Path stateDir) throws IOException {
    Database db = Database.open(stateDir, DATABASE_NAME, 8);
    try {
      db.migrate(IndexSchema.migrations());
    } catch (RuntimeException e) {
      db.close();
      throw new IOException("cannot prepare the agent index in " + stateDir + ": " + e.getMessage(), e);
    }
    return new AgentIndex(db);
  }

  /**
   * Runs {@code work} in one transaction: everything it does through the {@link IndexTransaction}
   * commits when it returns and is rolled back when it throws (the exception passes through).
   */
  public <T> T transaction(Function<IndexTransaction, T> work) {
    Objects.requireNonNull(work, "work");
    IndexTransaction open = batch.get();
    if (open != null) {
      return work.apply(open);
    }
    return db.transaction(c -> work.apply(new IndexTransaction(c)));
  }

  /** Work that may throw I/O errors, run by {@link #batch}. */
  @FunctionalInterface
  public interface BatchWork {
    void run() throws java.io.IOException;
  }

  private final ThreadLocal<IndexTransaction> batch = new ThreadLocal<>();

  /**
   * Runs {@code work} with every index call this thread makes inside one transaction (one commit
   * instead of one per call: the difference between hundreds and thousands of files a second).
   * Reads inside see the batch's own writes. When {@code work} throws, nothing of it is kept.
   */
  public void batch(BatchWork work) throws java.io.IOException {
    if (batch.get() != null) {
      work.run();
      return;
    }
    try {
      db.transaction(c -> {
        batch.set(new IndexTransaction(c));
        try {
          work.run();
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        } finally {
          batch.remove();
        }
        return null;
      });
    } catch (java.io.UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private <T> T read(Function<IndexTransaction, T> work) {
    IndexTransaction open = batch.get();
    if (open != null) {
      return work.apply(open);
    }
    return db.read(c -> work.apply(new IndexTransaction(c)));
  }

  /** {@link #transaction} for work without a result. */
  public void inTransaction(Consumer<IndexTransaction> work) {
    transaction(tx -> {
      work.accept(tx);
      return null;
    });
  }

  public Optional<IndexEntry> get(String path) {
    return read(tx -> tx.get(path));
  }

  public void put(IndexEntry e) {
    inTransaction(tx -> tx.put(e));
  }

  /** See {@link IndexTransaction#acknowledge}. */
  public void acknowledge(String path, String itemXml) {
    inTransaction(tx -> tx.acknowledge(path, itemXml));
  }

  /** See {@link IndexTransaction#confirm}. */
  public void confirm(String path) {
    inTransaction(tx -> tx.confirm(path));
  }

  public void remove(String path) {
    inTransaction(tx -> tx.remove(path));
  }

  /**
   * Streams every entry, in path order, to {@code consumer} without holding them all in memory. The
   * consumer runs while the query is open: it may read and write the index (other connections) but
   * should not take long.
   */
  public void forEach(Consumer<IndexEntry> consumer) {
    db.read(c -> {
      new IndexTransaction(c).forEach("", List.of(), consumer);
      return null;
    });
  }

  /** Streams {@code dir} itself and every entry below it, in path order. */
  public void forEachUnder(String dir, Consumer<IndexEntry> consumer) {
    String d = RelativePath.normalize(dir);
    read(tx -> {
      tx.get(d).ifPresent(consumer);
      tx.forEachBelow(d, consumer);
      return null;
    });
  }

  /** Entries with a local change the server has not acknowledged yet. */
  public List<IndexEntry> pending() {
    return read(IndexTransaction::pending);
  }

  /** Replaces the blocks recorded at {@code location} (a kept version) with {@code blocks}. */
  public void replaceStoredBlocks(String location, List<Block> blocks) {
    inTransaction(tx -> tx.replaceStoredBlocks(location, blocks));
  }

  /** Adds {@code blocks} to those recorded at {@code location} (a file still downloading). */
  public void putStoredBlocks(String location, List<Block> blocks) {
    inTransaction(tx -> tx.putStoredBlocks(location, blocks));
  }

  public void removeStoredBlocks(String location) {
    inTransaction(tx -> tx.removeStoredBlocks(location));
  }

  /**
   * Where a block with {@code hash} may be found locally (live files first, at most 64). Hints: the
   * file may have changed since; re-read and verify before use.
   */
  public List<LocalBlock> findBlock(String hash) {
    return read(tx -> tx.findBlock(hash));
  }

  /** Where each known block of {@code hashes} is (its first place): one query per thousand. */
  public java.util.Map<String, LocalBlock> findBlocks(java.util.Collection<String> hashes) {
    return read(tx -> tx.firstPlaces(hashes));
  }

  /** Which of {@code hashes} the block index knows anywhere: one query per thousand, not per block. */
  public java.util.Set<String> knownBlocks(java.util.Collection<String> hashes) {
    return read(tx -> tx.known(hashes));
  }

  /**
   * Kept files under {@code prefix} recorded with exactly {@code blocks}: whole copies of a file's
   * content, by the index (verify before use).
   */
  public List<String> storedCopies(String prefix, List<Block> blocks) {
    return read(tx -> tx.storedCopies(prefix, blocks));
  }

  /** The last journal cursor applied for {@code namespace}; empty before the first. */
  /** How many paths the index has on this disk (files, directories, symlinks). */
  public long localCount() {
    return read(IndexTransaction::localCount);
  }

  /** How many versions made here the server has not confirmed yet. */
  public long pendingCount() {
    return read(IndexTransaction::pendingCount);
  }

  public OptionalLong cursor(String namespace) {
    return read(tx -> tx.cursor(namespace));
  }

  public void setCursor(String namespace, long cursor) {
    inTransaction(tx -> tx.setCursor(namespace, cursor));
  }

  public Optional<String> value(String key) {
    return read(tx -> tx.value(key));
  }

  /** Sets {@code key}; a null value removes it. */
  public void setValue(String key, String value) {
    inTransaction(tx -> tx.setValue(key, value));
  }

  @Override
  public void close() {
    db.close();
  }
}
