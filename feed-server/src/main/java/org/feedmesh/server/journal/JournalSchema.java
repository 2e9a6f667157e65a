package org.feedmesh.server.journal;

import java.util.List;
import org.feedmesh.platform.db.Migration;

/**
 * Tables of the {@code journal} component.
 *
 * <ul>
 *   <li>{@code journal_item}: the current merged version of every item of every namespace, with the
 *       cursor under which that version was journaled (so "what changed since X" is a range scan of
 *       {@code (namespace, cursor)}).
 *   <li>{@code journal_entry}: every accepted version under its cursor, never rewritten.
 * </ul>
 *
 * Cursors come from {@code namespace.last_cursor} (accounts schema), raised in the same transaction
 * that writes the versions. An encoded item lives in {@code item} (VARCHAR, fast) unless it is
 * longer than {@link #INLINE_MAX} characters (a file of some ten thousand blocks), then in {@code
 * item_lob}: H2 LOBs cost about twice as much to write and read.
 */
public final class JournalSchema {
  public static final String COMPONENT = "journal";

  /** Longest encoded item kept inline; H2's VARCHAR maximum. */
  public static final int INLINE_MAX = 1_000_000;

  public static final List<Migration> MIGRATIONS =
      List.of(
          new Migration(
              COMPONENT,
              1,
              """
              CREATE TABLE journal_item (
                namespace VARCHAR(64) NOT NULL REFERENCES namespace(name),
                item_id VARCHAR(1024) NOT NULL,
                cursor BIGINT NOT NULL,
                updates INT NOT NULL,
                deleted BOOLEAN NOT NULL,
                publisher VARCHAR(64) NOT NULL,
                journaled_at TIMESTAMP WITH TIME ZONE NOT NULL,
                item VARCHAR(1000000),
                item_lob CLOB,
                PRIMARY KEY (namespace, item_id)
              );
              CREATE UNIQUE INDEX journal_item_by_cursor ON journal_item(namespace, cursor);
              CREATE TABLE journal_entry (
                namespace VARCHAR(64) NOT NULL REFERENCES namespace(name),
                cursor BIGINT NOT NULL,
                item_id VARCHAR(1024) NOT NULL,
                updates INT NOT NULL,
                publisher VARCHAR(64) NOT NULL,
                journaled_at TIMESTAMP WITH TIME ZONE NOT NULL,
                item VARCHAR(1000000),
                item_lob CLOB,
                PRIMARY KEY (namespace, cursor)
              );
              CREATE INDEX journal_entry_by_item ON journal_entry(namespace, item_id, cursor)
              """));

  private JournalSchema() {}
}
