package org.feedmesh.webapp.items;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import org.feedmesh.feedsync.History;
import org.feedmesh.feedsync.Item;
import org.feedmesh.feedsync.fm.FileMeta;
import org.feedmesh.server.journal.JournalEntry;

/**
 * One item of a namespace as the items table shows it: the current version's path, size and
 * FeedSync state, flattened from the journal so that it can be sorted and filtered in SQL.
 *
 * @param path the file's relative path; for an item that is not a file, its title or id
 * @param kind {@code file}, {@code dir}, {@code symlink}, or {@code entry} (not a file)
 * @param changedBy the current version's topmost {@code by} (else who published it)
 * @param changedAt the current version's topmost {@code when} (else when it was journaled)
 */
public record ItemRow(
    String id,
    String path,
    String kind,
    long size,
    int updates,
    boolean deleted,
    int conflicts,
    String changedBy,
    Instant changedAt,
    long cursor) {
  /** Longest path (or title) kept for sorting and filtering. */
  public static final int MAX_PATH = 4096;

  public ItemRow {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(kind, "kind");
  }

  public static ItemRow of(JournalEntry e) {
    Item item = e.item();
    FileMeta file = item.payload().file();
    String path;
    if (file != null) {
      path = file.path();
    } else if (item.payload().title() != null && !item.payload().title().value().isBlank()) {
      path = item.payload().title().value().strip();
    } else {
      path = item.id();
    }
    if (path.length() > MAX_PATH) {
      path = path.substring(0, MAX_PATH);
    }
    History top = item.topmost();
    return new ItemRow(
        item.id(),
        path,
        file == null ? "entry" : file.kind().name().toLowerCase(Locale.ROOT),
        file == null ? 0 : file.size(),
        item.updates(),
        item.isDeleted(),
        item.conflicts().size(),
        top.by() != null ? top.by() : e.publisher(),
        top.when() != null ? top.when() : e.journaledAt(),
        e.cursor());
  }
}
