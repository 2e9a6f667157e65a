package org.feedmesh.webapp.items;

import java.util.Locale;
import java.util.Objects;

/**
 * One page of a namespace's items table: sorted by a column, optionally filtered by a path
 * substring (case-insensitive), to items in conflict, and by deletion.
 */
public record ItemQuery(
    String namespace,
    Sort sort,
    boolean descending,
    String filter,
    boolean conflictsOnly,
    Deleted deleted,
    int offset,
    int limit) {
  public static final int MAX_LIMIT = 500;
  public static final int MAX_FILTER = 200;

  /** Columns the table sorts by, each backed by an index. */
  public enum Sort {
    PATH("path", "ui_item_path"),
    SIZE("size", "ui_item_size"),
    UPDATES("updates", "ui_item_updates"),
    CHANGED("changed_at", "ui_item_changed"),
    BY("changed_by", "ui_item_by"),
    CURSOR("cursor", "ui_item_cursor");

    final String column;
    final String index;

    Sort(String column, String index) {
      this.column = column;
      this.index = index;
    }

    public static Sort parse(String s) {
      if (s == null || s.isEmpty()) {
        return PATH;
      }
      try {
        return valueOf(s.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "sort must be path, size, updates, changed, by or cursor, got '" + abbreviate(s) + "'");
      }
    }
  }

  /** Which items by deletion: all, only live ones, only tombstones. */
  public enum Deleted {
    SHOW,
    HIDE,
    ONLY;

    public static Deleted parse(String s) {
      if (s == null || s.isEmpty()) {
        return SHOW;
      }
      try {
        return valueOf(s.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "deleted must be show, hide or only, got '" + abbreviate(s) + "'");
      }
    }
  }

  public ItemQuery {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(sort, "sort");
    Objects.requireNonNull(deleted, "deleted");
    filter = filter == null ? "" : filter.strip();
    if (filter.length() > MAX_FILTER) {
      throw new IllegalArgumentException("the filter is longer than " + MAX_FILTER + " characters");
    }
    if (offset < 0) {
      throw new IllegalArgumentException("offset must be >= 0, got " + offset);
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be in 1.." + MAX_LIMIT + ", got " + limit);
    }
  }

  public static ItemQuery firstPage(String namespace) {
    return new ItemQuery(namespace, Sort.PATH, false, "", false, Deleted.SHOW, 0, 100);
  }

  private static String abbreviate(String s) {
    String clean = s.replaceAll("\\p{Cntrl}", "?");
    return clean.length() > 40 ? clean.substring(0, 40) + "..." : clean;
  }
}
