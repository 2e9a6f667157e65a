package org.feedmesh.agent.index;

import java.util.List;
import org.feedmesh.platform.db.Migration;

/** The agent index's tables, as numbered migrations of the component {@code agent}. */
final class IndexSchema {
  static final String COMPONENT = "agent";

  private IndexSchema() {}

  static List<Migration> migrations() {
    return List.of(new Migration(COMPONENT, 1, """
        CREATE TABLE IF NOT EXISTS agent_entries (
          path VARCHAR(4096) PRIMARY KEY,
          kind VARCHAR(8),
          size BIGINT,
          mtime_seconds BIGINT,
          mode INT,
          blob_id CHAR(64),
          target VARCHAR(4096),
          item_xml CHARACTER LARGE OBJECT,
          pending BOOLEAN NOT NULL);
        CREATE INDEX IF NOT EXISTS agent_entries_pending ON agent_entries (pending);
        CREATE TABLE IF NOT EXISTS agent_blocks (
          location VARCHAR(4096) NOT NULL,
          stored BOOLEAN NOT NULL,
          block_offset BIGINT NOT NULL,
          size INT NOT NULL,
          hash CHAR(64) NOT NULL,
          PRIMARY KEY (location, stored, block_offset));
        CREATE INDEX IF NOT EXISTS agent_blocks_hash ON agent_blocks (hash);
        CREATE TABLE IF NOT EXISTS agent_cursors (
          namespace VARCHAR(64) PRIMARY KEY,
          cursor_value BIGINT NOT NULL);
        CREATE TABLE IF NOT EXISTS agent_state (
          state_key VARCHAR(256) PRIMARY KEY,
          state_value CHARACTER LARGE OBJECT NOT NULL)
        """),
        // Item XML is a few hundred bytes for most files: kept in the row, not as a large object
        // (each of which H2 stores and cleans up on its own). Only big ones (long block lists) stay
        // in item_xml; rows written before keep theirs there too.
        new Migration(COMPONENT, 2, """
            ALTER TABLE agent_entries ADD COLUMN IF NOT EXISTS item_inline VARCHAR(%d)
            """.formatted(INLINE_MAX)));
  }

  /** Longest item XML kept in the row itself. */
  static final int INLINE_MAX = 16_384;
}
