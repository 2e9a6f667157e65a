package org.feedmesh.feedsync;

import java.time.Instant;
import java.util.List;

/**
 * {@code sx:sharing}, the feed-level FeedSync element. {@code since} and {@code until} bound the
 * items the feed holds (FeedMesh writes journal cursors zero-padded to {@link #CURSOR_WIDTH} digits
 * so that they collate as strings, as FeedSync requires); {@code until} must be present whenever
 * {@code since} is. {@code expires} says when the feed's contents may be considered stale.
 */
public record Sharing(String since, String until, Instant expires, List<Related> related) {

  /** Digits in a written cursor: enough for every non-negative {@code long}. */
  public static final int CURSOR_WIDTH = 19;

  public static final Sharing NONE = new Sharing(null, null, null, List.of());

  public Sharing {
    if (since != null && since.isEmpty() || until != null && until.isEmpty()) {
      throw new InvalidFeedSyncException("sx:sharing since/until must not be empty strings");
    }
    if (since != null && until == null) {
      throw new InvalidFeedSyncException("sx:sharing has since=\"" + since + "\" but no until");
    }
    expires = Rfc3339.normalize(expires);
    related = related == null ? List.of() : List.copyOf(related);
  }

  /** A sharing element for journal cursors {@code (since, until]}. */
  public static Sharing ofCursors(long since, long until) {
    return new Sharing(cursor(since), cursor(until), null, List.of());
  }

  /** A journal cursor written the FeedSync way: zero-padded so that it collates as a string. */
  public static String cursor(long value) {
    if (value < 0) {
      throw new IllegalArgumentException("a cursor is never negative: " + value);
    }
    String digits = Long.toString(value);
    return "0".repeat(CURSOR_WIDTH - digits.length()) + digits;
  }

  /** Reads a written cursor back (leading zeros or not). */
  public static long parseCursor(String text) {
    if (text == null || text.isEmpty() || text.length() > CURSOR_WIDTH
        || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new InvalidFeedSyncException(
          "a cursor is 1.." + CURSOR_WIDTH + " decimal digits, got " + Nss.quote(text));
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new InvalidFeedSyncException("cursor out of range: " + Nss.quote(text), e);
    }
  }
}
