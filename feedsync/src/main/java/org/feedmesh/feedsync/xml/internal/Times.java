package org.feedmesh.feedsync.xml.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.feedmesh.feedsync.Rfc3339;

/**
 * Times as feeds write them. RFC 3339 goes through {@link Rfc3339}, with a fast path for the form
 * FeedSync 1.0.1 requires and FeedMesh always writes ({@code 2026-11-21T09:30:00Z}): a 100,000-item
 * feed carries about half a million of them, and the general parser costs microseconds each.
 * RFC 822 (RSS {@code pubDate}, {@code lastBuildDate}) is read leniently and written in GMT.
 */
public final class Times {
  private static final DateTimeFormatter RFC_822 =
      DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.ROOT);

  private Times() {}

  /** RFC 3339 to an instant in UTC whole seconds; {@link Rfc3339}'s errors for bad input. */
  public static Instant parse(String text) {
    Instant fast = parseCanonical(text);
    return fast != null ? fast : Rfc3339.parse(text);
  }

  /** The FeedSync form, UTC whole seconds with {@code Z}. */
  public static String format(Instant instant) {
    long seconds = instant.getEpochSecond();
    long day = Math.floorDiv(seconds, 86_400);
    int secondOfDay = Math.floorMod(seconds, 86_400);
    LocalDate date = LocalDate.ofEpochDay(day);
    int year = date.getYear();
    if (year < 0 || year > 9999) {
      return Rfc3339.format(instant);
    }
    char[] c = new char[20];
    digits(c, 0, year, 4);
    c[4] = '-';
    digits(c, 5, date.getMonthValue(), 2);
    c[7] = '-';
    digits(c, 8, date.getDayOfMonth(), 2);
    c[10] = 'T';
    digits(c, 11, secondOfDay / 3600, 2);
    c[13] = ':';
    digits(c, 14, secondOfDay / 60 % 60, 2);
    c[16] = ':';
    digits(c, 17, secondOfDay % 60, 2);
    c[19] = 'Z';
    return new String(c);
  }

  /** An RFC 822 date as RSS writes it; null when it cannot be read. */
  public static Instant parseRfc822OrNull(String text) {
    if (text == null) {
      return null;
    }
    try {
      return Rfc3339.normalize(RFC_822.parse(text.strip(), Instant::from));
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  public static String formatRfc822(Instant instant) {
    return RFC_822.format(instant.atOffset(ZoneOffset.UTC));
  }

  /** RFC 3339 to an instant, or null when it cannot be read (for payload dates, kept verbatim). */
  public static Instant parseOrNull(String text) {
    try {
      return text == null ? null : parse(text);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static Instant parseCanonical(String s) {
    if (s == null || s.length() != 20 || s.charAt(4) != '-' || s.charAt(7) != '-'
        || s.charAt(10) != 'T' || s.charAt(13) != ':' || s.charAt(16) != ':' || s.charAt(19) != 'Z') {
      return null;
    }
    int year = number(s, 0, 4);
    int month = number(s, 5, 2);
    int day = number(s, 8, 2);
    int hour = number(s, 11, 2);
    int minute = number(s, 14, 2);
    int second = number(s, 17, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0
        || minute > 59 || second < 0 || second > 59) {
      return null;
    }
    if (day > 28 && day > LocalDate.of(year, month, 1).lengthOfMonth()) {
      return null;
    }
    long epochDay = LocalDate.of(year, month, day).toEpochDay();
    return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3600L + minute * 60L + second);
  }

  private static int number(String s, int from, int length) {
    int n = 0;
    for (int i = from; i < from + length; i++) {
      char ch = s.charAt(i);
      if (ch < '0' || ch > '9') {
        return -1;
      }
      n = n * 10 + (ch - '0');
    }
    return n;
  }

  private static void digits(char[] c, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      c[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }
}
