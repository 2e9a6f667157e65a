package org.feedmesh.feedsync;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * FeedSync 1.0.1 times: read any RFC 3339 date-time (offsets and fractions allowed), compare as
 * instants, write in UTC with whole seconds and a trailing {@code Z}.
 */
public final class Rfc3339 {
  private Rfc3339() {}

  /** Parses an RFC 3339 date-time and normalizes it to UTC whole seconds (fractions truncated). */
  public static Instant parse(String text) {
    if (text == null || text.isBlank()) {
      throw new InvalidFeedSyncException("a date-time is required, got " + Nss.quote(text));
    }
    String t = text.trim();
    // RFC 3339 allows a lowercase 't'/'z' and a space is common in the wild; accept the former only.
    t = t.replace('t', 'T').replace('z', 'Z');
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
