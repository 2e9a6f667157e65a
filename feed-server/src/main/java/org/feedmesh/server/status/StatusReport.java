package org.feedmesh.server.status;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Objects;

/**
 * An endpoint's report on one item version: whether it applied it.
 *
 * @param id the item's {@code sx:sync/@id}
 * @param updates the version's {@code sx:sync/@updates}
 * @param reason why it failed or conflicted (optional, at most {@value #MAX_REASON} characters)
 */
public record StatusReport(String id, int updates, Result result, String reason) {
  public static final int MAX_REASON = 1000;

  public enum Result {
    APPLIED,
    CONFLICT,
    FAILED;

    @JsonValue
    public String json() {
      return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Result parse(String value) {
      for (Result r : values()) {
        if (r.json().equals(value)) {
          return r;
        }
      }
      throw new IllegalArgumentException(
          "result must be applied, conflict or failed, got '" + value + "'");
    }
  }

  public StatusReport {
    if (id == null || id.isBlank() || id.length() > 1024) {
      throw new IllegalArgumentException("a status report needs the item id (1-1024 characters)");
    }
    if (updates < 1) {
      throw new IllegalArgumentException(
          "updates must be >= 1 (the version's sx:sync/@updates), got "
              + updates
              + " for item "
              + id);
    }
    Objects.requireNonNull(
        result, "result (applied, conflict or failed) is missing for item " + id);
    if (reason != null && reason.length() > MAX_REASON) {
      throw new IllegalArgumentException("reason is longer than " + MAX_REASON + " characters");
    }
  }
}
