package org.feedmesh.agent.index;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.feedmesh.feedsync.fm.Block;
import org.feedmesh.feedsync.fm.FileKind;
import org.feedmesh.feedsync.fm.FileMeta;
import org.feedmesh.feedsync.fm.RelativePath;
import org.feedmesh.platform.db.DatabaseException;

/**
 * The index operations on one connection. Handed out by {@link AgentIndex#transaction}: everything
 * done through it commits together when the work returns, or not at all. Valid only inside that
 * work, on the thread that runs it. Failures are {@link DatabaseException}s.
 */
public final class IndexTransaction {
  private static final String ENTRY_COLUMNS =
      "e.path, e.kind, e.size, e.mtime_seconds, e.mode, e.blob_id, e.target, e.item_xml, e.pending,"
          + " b.block_offset, b.size, b.hash, e.item_inline";
  private static final String ENTRY_JOIN = " FROM agent_entries e LEFT JOIN agent_blocks b"
      + " ON b.location = e.path AND b.stored = FALSE";
  private static final int MAX_CANDIDATES = 64;

  private final Connection c;

  IndexTransaction(Connection c) {
    this.c = c;
  }

  public Optional<IndexEntry> get(String path) {
    String p = RelativePath.normalize(path);
    List<IndexEntry> found = new ArrayList<>(1);
    select(" WHERE e.path = ?", List.of(p), found::add);
    return found.stream().findFirst();
  }

  /** Replaces the row of {@code e.path()} and its blocks in the block index. */
  public void put(IndexEntry e) {
    Objects.requireNonNull(e, "entry");
    run("put " + e.path(), () -> {
      try (PreparedStatement ps = c.prepareStatement("MERGE INTO agent_entries (path, kind, size,"
          + " mtime_seconds, mode, blob_id, target, item_xml, pending, item_inline) KEY (path)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        FileMeta m = e.local();
        ps.setString(1, e.path());
        ps.setString(2, m == null ? null : m.kind().xml());
        setLong(ps, 3, m == null ? null : m.size());
        setLong(ps, 4, m == null || m.mtime() == null ? null : m.mtime().getEpochSecond());
        if (m == null) {
          ps.setNull(5, Types.INTEGER);
        } else {
          ps.setInt(5, m.mode());
        }
        ps.setString(6, m == null ? null : m.blobId());
        ps.setString(7, m == null ? null : m.target());
        ps.setString(8, inline(e.itemXml()) ? null : e.itemXml());
        ps.setBoolean(9, e.pending());
        ps.setString(10, inline(e.itemXml()) ? e.itemXml() : null);
        ps.executeUpdate();
      }
      replaceBlocks(e.path(), false, e.local() == null ? List.of() : e.local().blocks());
    });
  }

  /**
   * The server accepted the pending version of {@code path}: its item becomes {@code itemXml}, no
   * longer pending. The local metadata and blocks stay as they are.
   */
  public void acknowledge(String path, String itemXml) {
    String p = RelativePath.normalize(path);
    Objects.requireNonNull(itemXml, "itemXml");
    run("acknowledge " + p, () -> {
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE agent_entries SET item_xml = ?, item_inline = ?, pending = FALSE WHERE path = ?")) {
        ps.setString(1, inline(itemXml) ? null : itemXml);
        ps.setString(2, inline(itemXml) ? itemXml : null);
        ps.setString(3, p);
        if (ps.executeUpdate() != 1) {
          throw new SQLException("no index entry for " + p);
        }
      }
    });
  }

  /** The server took the pending version of {@code path} unchanged: it is no longer pending. */
  public void confirm(String path) {
    String p = RelativePath.normalize(path);
    run("confirm " + p, () -> {
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE agent_entries SET pending = FALSE WHERE path = ? AND pending = TRUE")) {
        ps.setString(1, p);
        ps.executeUpdate();
      }
    });
  }

  /** Item XML short enough to live in the row (see {@link IndexSchema#INLINE_MAX}). */
  private static boolean inline(String itemXml) {
    return itemXml != null && itemXml.length() <= IndexSchema.INLINE_MAX;
  }

  public void remove(String path) {
    String p = RelativePath.normalize(path);
    run("remove " + p, () -> {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM agent_entries WHERE path = ?")) {
        ps.setString(1, p);
        ps.executeUpdate();
      }
      replaceBlocks(p, false, List.of());
    });
  }

  void forEach(String where, List<Object> params, Consumer<IndexEntry> consumer) {
    select(where, params, consumer);
  }

  /**
   * Streams the entries below {@code dir} (not {@code dir} itself), in path order: one range of
   * the primary key ('0' is the character after '/', so [dir/, dir0) is exactly what is below).
   */
  void forEachBelow(String dir, Consumer<IndexEntry> consumer) {
    select(" WHERE e.path >= ? AND e.path < ?", List.of(dir + "/", dir + "0"), consumer);
  }

  public List<IndexEntry> pending() {
    List<IndexEntry> found = new ArrayList<>();
    select(" WHERE e.pending = TRUE", List.of(), found::add);
    return found;
  }

  /**
   * Records the blocks of a file kept outside the synced paths (e.g. under .feedmesh/versions),
   * replacing whatever was recorded at {@code location} before.
   */
  public void replaceStoredBlocks(String location, List<Block> blocks) {
    String loc = RelativePath.normalize(location);
    run("replace stored blocks of " + loc, () -> replaceBlocks(loc, true, blocks));
  }

  /**
   * Adds blocks to those already recorded at {@code location} (a block already there at the same
   * offset is replaced), for a file whose blocks arrive one by one.
   */
  public void putStoredBlocks(String location, List<Block> blocks) {
    String loc = RelativePath.normalize(location);
    run("put stored blocks of " + loc,
        () -> writeBlocks("MERGE INTO", " KEY (location, stored, block_offset)", loc, true, blocks));
  }

  public void removeStoredBlocks(String location) {
    String loc = RelativePath.normalize(location);
    run("remove stored blocks of " + loc, () -> replaceBlocks(loc, true, List.of()));
  }

  /** Up to 64 places where a block with {@code hash} was; live files first. */
  public List<LocalBlock> findBlock(String hash) {
    List<LocalBlock> found = new ArrayList<>();
    run("find block " + hash, () -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT location, block_offset, size"
          + " FROM agent_blocks WHERE hash = ? ORDER BY stored, location LIMIT " + MAX_CANDIDATES)) {
        ps.setString(1, hash);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            found.add(new LocalBlock(rs.getString(1), rs.getLong(2), rs.getInt(3)));
          }
        }
      }
    });
    return found;
  }

  /**
   * Kept files under {@code prefix} (e.g. {@code .feedmesh/versions/}) whose recorded blocks are
   * exactly {@code blocks}, at the same offsets: whole copies of that content, by the index. Hints:
   * the caller verifies the file before relying on it.
   */
  public List<String> storedCopies(String prefix, List<Block> blocks) {
    List<String> out = new ArrayList<>();
    if (blocks.isEmpty()) {
      return out;
    }
    run("find kept copies", () -> {
      List<String> candidates = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT location FROM agent_blocks WHERE hash = ?"
          + " AND block_offset = 0 AND stored AND location LIKE ? ESCAPE '\\' ORDER BY location LIMIT "
          + MAX_CANDIDATES)) {
        ps.setString(1, blocks.get(0).hash());
        ps.setString(2, prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            candidates.add(rs.getString(1));
          }
        }
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT block_offset, size, hash FROM agent_blocks"
          + " WHERE location = ? AND stored ORDER BY block_offset")) {
        for (String location : candidates) {
          ps.setString(1, location);
          List<Block> held = new ArrayList<>();
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              held.add(new Block(rs.getLong(1), rs.getInt(2), rs.getString(3)));
            }
          }
          if (held.equals(blocks)) {
            out.add(location);
          }
        }
      }
    });
    return out;
  }

  /** For each of {@code hashes} the index knows, the first place {@link #findBlock} would name. */
  public java.util.Map<String, LocalBlock> firstPlaces(java.util.Collection<String> hashes) {
    java.util.Map<String, LocalBlock> found = new java.util.HashMap<>();
    probe("find", hashes, "SELECT hash, location, block_offset, size"
        + " FROM agent_blocks WHERE hash = ANY(?) ORDER BY hash, stored, location",
        rs -> found.putIfAbsent(
            rs.getString(1), new LocalBlock(rs.getString(2), rs.getLong(3), rs.getInt(4))));
    return found;
  }

  /** Which of {@code hashes} the block index knows anywhere (live files or kept ones). */
  public java.util.Set<String> known(java.util.Collection<String> hashes) {
    java.util.Set<String> found = new java.util.HashSet<>();
    probe("probe", hashes, "SELECT DISTINCT hash FROM agent_blocks WHERE hash = ANY(?)",
        rs -> found.add(rs.getString(1)));
    return found;
  }

  private interface SqlRow {
    void accept(ResultSet rs) throws SQLException;
  }

  /** Runs {@code sql} (one {@code = ANY(?)} of hashes) for the distinct hashes, a thousand at a time. */
  private void probe(String what, java.util.Collection<String> hashes, String sql, SqlRow row) {
    List<String> all = new ArrayList<>(new java.util.LinkedHashSet<>(hashes));
    for (int from = 0; from < all.size(); from += PROBE_CHUNK) {
      List<String> chunk = all.subList(from, Math.min(all.size(), from + PROBE_CHUNK));
      run(what + " " + chunk.size() + " block hashes", () -> {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
          ps.setArray(1, c.createArrayOf("VARCHAR", chunk.toArray()));
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              row.accept(rs);
            }
          }
        }
      });
    }
  }

  private static final int PROBE_CHUNK = 1000;

  /** How many paths the index has on this disk (files, directories, symlinks). */
  public long localCount() {
    return count("count local paths", "SELECT COUNT(*) FROM agent_entries WHERE kind IS NOT NULL");
  }

  /** How many versions made here the server has not confirmed yet. */
  public long pendingCount() {
    return count("count pending versions", "SELECT COUNT(*) FROM agent_entries WHERE pending = TRUE");
  }

  private long count(String what, String sql) {
    long[] n = {0};
    run(what, () -> {
      try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
        rs.next();
        n[0] = rs.getLong(1);
      }
    });
    return n[0];
  }

  public OptionalLong cursor(String namespace) {
    Optional<String> v = single("SELECT cursor_value FROM agent_cursors WHERE namespace = ?", namespace);
    return v.map(s -> OptionalLong.of(Long.parseLong(s))).orElse(OptionalLong.empty());
  }

  public void setCursor(String namespace, long cursor) {
    Objects.requireNonNull(namespace, "namespace");
    if (cursor < 0) {
      throw new IllegalArgumentException("a cursor is never negative, got " + cursor);
    }
    run("set cursor of " + namespace, () -> {
      try (PreparedStatement ps = c.prepareStatement(
          "MERGE INTO agent_cursors (namespace, cursor_value) KEY (namespace) VALUES (?, ?)")) {
        ps.setString(1, namespace);
        ps.setLong(2, cursor);
        ps.executeUpdate();
      }
    });
  }

  public Optional<String> value(String key) {
    return single("SELECT state_value FROM agent_state WHERE state_key = ?", key);
  }

  /** Sets {@code key} to {@code value}; a null value removes the key. */
  public void setValue(String key, String value) {
    Objects.requireNonNull(key, "key");
    run("set " + key, () -> {
      String sql = value == null ? "DELETE FROM agent_state WHERE state_key = ?"
          : "MERGE INTO agent_state (state_key, state_value) KEY (state_key) VALUES (?, ?)";
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setString(1, key);
        if (value != null) {
          ps.setString(2, value);
        }
        ps.executeUpdate();
      }
    });
  }

  private void replaceBlocks(String location, boolean stored, List<Block> blocks) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "DELETE FROM agent_blocks WHERE location = ? AND stored = ?")) {
      ps.setString(1, location);
      ps.setBoolean(2, stored);
      ps.executeUpdate();
    }
    if (blocks.isEmpty()) {
      return;
    }
    writeBlocks("INSERT INTO", "", location, stored, blocks);
  }

  /** One batched {@code INSERT} or {@code MERGE} of block rows at {@code location}. */
  private void writeBlocks(String verb, String key, String location, boolean stored, List<Block> blocks)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(verb + " agent_blocks"
        + " (location, stored, block_offset, size, hash)" + key + " VALUES (?, ?, ?, ?, ?)")) {
      for (Block b : blocks) {
        ps.setString(1, location);
        ps.setBoolean(2, stored);
        ps.setLong(3, b.offset());
        ps.setInt(4, b.size());
        ps.setString(5, b.hash());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** Streams entries (with their blocks, grouped by path) to {@code consumer}, in path order. */
  private void select(String where, List<Object> params, Consumer<IndexEntry> consumer) {
    run("read index", () -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + ENTRY_COLUMNS + ENTRY_JOIN + where
          + " ORDER BY e.path, b.block_offset")) {
        ps.setFetchSize(256);
        for (int i = 0; i < params.size(); i++) {
          ps.setObject(i + 1, params.get(i));
        }
        try (ResultSet rs = ps.executeQuery()) {
          readGrouped(rs, consumer);
        }
      }
    });
  }

  private static void readGrouped(ResultSet rs, Consumer<IndexEntry> consumer) throws SQLException {
    RowGroup group = null;
    while (rs.next()) {
      String path = rs.getString(1);
      if (group == null || !group.path.equals(path)) {
        if (group != null) {
          consumer.accept(group.entry());
        }
        group = new RowGroup(rs);
      }
      long offset = rs.getLong(10);
      if (!rs.wasNull()) {
        group.blocks.add(new Block(offset, rs.getInt(11), rs.getString(12)));
      }
    }
    if (group != null) {
      consumer.accept(group.entry());
    }
  }

  /** The columns of one entry row while its block rows are collected. */
  private static final class RowGroup {
    final String path;
    final String kind;
    final long size;
    final Long mtime;
    final int mode;
    final String blobId;
    final String target;
    final String itemXml;
    final boolean pending;
    final List<Block> blocks = new ArrayList<>();

    RowGroup(ResultSet rs) throws SQLException {
      path = rs.getString(1);
      kind = rs.getString(2);
      size = rs.getLong(3);
      long t = rs.getLong(4);
      mtime = rs.wasNull() ? null : t;
      mode = rs.getInt(5);
      blobId = rs.getString(6);
      target = rs.getString(7);
      String inline = rs.getString(13);
      itemXml = inline != null ? inline : rs.getString(8);
      pending = rs.getBoolean(9);
    }

    IndexEntry entry() {
      FileMeta local = kind == null ? null : new FileMeta(path, FileKind.fromXml(kind), size,
          mtime == null ? null : Instant.ofEpochSecond(mtime), mode, blobId, blocks, target);
      return new IndexEntry(path, local, itemXml, pending);
    }
  }

  private Optional<String> single(String sql, String key) {
    Objects.requireNonNull(key, "key");
    List<String> found = new ArrayList<>(1);
    run("read " + key, () -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setString(1, key);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            found.add(rs.getString(1));
          }
        }
      }
    });
    return found.stream().findFirst();
  }

  private static void setLong(PreparedStatement ps, int index, Long value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.BIGINT);
    } else {
      ps.setLong(index, value);
    }
  }

  private interface SqlStep {
    void run() throws SQLException;
  }

  private static void run(String what, SqlStep step) {
    try {
      step.run();
    } catch (SQLException e) {
      throw new DatabaseException("agent index: " + what, e);
    }
  }
}
