package org.feedmesh.agent.sync;

import java.util.Locale;
import java.util.Objects;

/** The result of applying one item version, as reported to {@code POST /feeds/NS/status}. */
public record StatusLine(String itemId, int updates, Result result, String reason) {
  public enum Result {
    APPLIED,
    CONFLICT,
    FAILED;

    public String json() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public StatusLine {
    Objects.requireNonNull(itemId, "itemId");
    Objects.requireNonNull(result, "result");
    if (updates < 1) {
      throw new IllegalArgumentException("updates must be >= 1, got " + updates);
    }
    if (reason != null && reason.length() > 1000) {
      reason = reason.substring(0, 1000);
    }
  }
}
