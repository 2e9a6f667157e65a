package org.feedmesh.feedsync;

import java.time.Instant;
import java.util.Objects;

/**
 * One {@code sx:history} entry: the update with this {@code sequence}, made at {@code when} by
 * {@code by}. At least one of {@code when} and {@code by} is present; {@code when} is kept in UTC
 * whole seconds; {@code by} is an RFC 2141 NSS string.
 */
public record History(int sequence, Instant when, String by) {

  public History {
    if (sequence < 1) {
      throw new InvalidFeedSyncException(
          "sx:history/@sequence must be in 1..2147483647, got " + sequence);
    }
    if (when == null && by == null) {
      throw new InvalidFeedSyncException(
          "sx:history needs at least one of when and by (sequence " + sequence + ")");
    }
    when = Rfc3339.normalize(when);
    if (by != null) {
      Nss.require("sx:history/@by", by);
    }
  }

  /**
   * Whether this entry covers {@code top}, the topmost entry of another version: the same
   * {@code by} with a sequence at least as high; or, when {@code top} has no {@code by}, an entry
   * without {@code by} with the same {@code when} and the same sequence.
   */
  public boolean covers(History top) {
    if (top.by() != null) {
      return top.by().equals(by) && sequence >= top.sequence();
    }
    return by == null && sequence == top.sequence() && Objects.equals(when, top.when());
  }

  /**
   * Orders {@code by} values by Unicode code point, as FeedSync requires: not by length and not by
   * UTF-16 unit (which puts astral characters below U+E000..U+FFFF). An absent {@code by} sorts
   * below every present one.
   */
  public static int compareBy(String a, String b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1;
    }
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }
}
