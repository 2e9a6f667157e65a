package org.feedmesh.feedsync;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * FeedSync 1.0.1 times: read any RFC 3339 date-time (offsets and fractions allowed), compare as
 * instants, write in UTC with whole seconds and a trailing {@code Z}.
 */
public final class Rfc3339 {
  /**
   * RFC 3339 section 5.6 {@code date-time}, after 't'/'z' are upper-cased: four-digit year, seconds
   * required, offset {@code Z} or {@code +hh:mm}. java.time alone would also take a missing seconds
   * field or a signed five-digit year, which we could not write back as RFC 3339.
   */
  private static final Pattern DATE_TIME = Pattern.compile(
      "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:(\\d{2})(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})");

  private Rfc3339() {}

  /**
   * Parses an RFC 3339 date-time and normalizes it to UTC whole seconds (fractions truncated). A
   * leap second ({@code :60}) is read as the second before it, as {@code java.time} does.
   */
  public static Instant parse(String text) {
    if (text == null || text.isBlank()) {
      throw new InvalidFeedSyncException("a date-time is required, got " + Nss.quote(text));
    }
    String t = text.trim();
    // RFC 3339 allows a lowercase 't'/'z' and a space is common in the wild; accept the former only.
    t = t.replace('t', 'T').replace('z', 'Z');
    Matcher m = DATE_TIME.matcher(t);
    if (!m.matches()) {
      throw new InvalidFeedSyncException(
          "not an RFC 3339 date-time (e.g. 2026-11-21T09:30:00Z): " + Nss.quote(text));
    }
    if (m.group(1).equals("60")) {
      t = t.substring(0, m.start(1)) + "59" + t.substring(m.end(1));
    }
    try {
      return normalize(OffsetDateTime.parse(t, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
    } catch (DateTimeParseException e) {
      throw new InvalidFeedSyncException(
          "not an RFC 3339 date-time (e.g. 2026-11-21T09:30:00Z): " + Nss.quote(text), e);
    }
  }

  /** The FeedSync form: UTC, whole seconds, {@code Z}. */
  public static String format(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(normalize(instant));
  }

  /** Drops fractions of a second; FeedSync 1.0.1 times are whole seconds. */
  public static Instant normalize(Instant instant) {
    return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS);
  }
}
