package org.feedmesh.platform.db;

import java.util.Objects;

/**
 * One step of a component's schema: version {@code version} of component {@code component} is
 * reached by running {@code sql} (one or more statements separated by {@code ;}).
 */
public record Migration(String component, int version, String sql) {
  public Migration {
    Objects.requireNonNull(component, "component");
    Objects.requireNonNull(sql, "sql");
    if (!component.matches("[a-z][a-z0-9_-]{0,63}")) {
      throw new IllegalArgumentException(
          "component names are lowercase words, got '" + component + "'");
    }
    if (version < 1) {
      throw new IllegalArgumentException("migration versions start at 1, got " + version);
    }
    if (sql.isBlank()) {
      throw new IllegalArgumentException("migration " + component + " v" + version + " has no SQL");
    }
  }
}
