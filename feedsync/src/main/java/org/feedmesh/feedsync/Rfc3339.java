package org.feedmesh.feedsync;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
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
    Instant canonical = parseCanonical(text);
    if (canonical != null) {
      return canonical;
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

  /**
   * The form FeedSync 1.0.1 requires and nearly every feed uses, {@code YYYY-MM-DDTHH:MM:SSZ},
   * read without regex or formatter (feeds carry several times per item); null for any other form,
   * which the general path then reads or refuses. Out-of-range fields are refused here too.
   */
  private static Instant parseCanonical(String t) {
    if (t.length() != 20 || t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(10) != 'T'
        || t.charAt(13) != ':' || t.charAt(16) != ':' || t.charAt(19) != 'Z') {
      return null;
    }
    int year = digits(t, 0, 4);
    int month = digits(t, 5, 2);
    int day = digits(t, 8, 2);
    int hour = digits(t, 11, 2);
    int minute = digits(t, 14, 2);
    int second = digits(t, 17, 2);
    if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0 || second == 60) {
      return null; // not digits, or a leap second: the general path decides
    }
    try {
      return LocalDateTime.of(year, month, day, hour, minute, second).toInstant(ZoneOffset.UTC);
    } catch (DateTimeException e) {
      throw new InvalidFeedSyncException(
          "not an RFC 3339 date-time (e.g. 2026-11-21T09:30:00Z): " + Nss.quote(t), e);
    }
  }

  private static int digits(String s, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
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
