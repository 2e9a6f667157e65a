package org.feedmesh.feedsync.xml.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.feedmesh.feedsync.InvalidFeedSyncException;
import org.feedmesh.feedsync.Rfc3339;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimesTest {

  @Property(tries = 2000)
  void fastPathAgreesWithTheGeneralParserAndFormatter(
      @ForAll @LongRange(min = -62_135_596_800L, max = 253_402_300_799L) long seconds) {
    Instant t = Instant.ofEpochSecond(seconds);
    String text = Times.format(t);
    assertEquals(Rfc3339.format(t), text);
    assertEquals(t, Times.parse(text));
    assertEquals(Rfc3339.parse(text), Times.parse(text));
  }

  @ParameterizedTest
  @CsvSource({
      "2026-11-21T10:30:00+01:00, 2026-11-21T09:30:00Z",
      "2026-11-21t09:30:00.999z, 2026-11-21T09:30:00Z",
      "2024-02-29T23:59:59Z, 2024-02-29T23:59:59Z",
      "1969-12-31T23:59:59Z, 1969-12-31T23:59:59Z"})
  void otherRfc3339FormsGoThroughTheGeneralParser(String text, String expected) {
    assertEquals(Instant.parse(expected), Times.parse(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z", "2026-11-21T24:00:00Z",
      "2026-11-21 09:30:00Z", "2026-11-21T09:30:00", "x026-11-21T09:30:00Z"})
  void invalidTimesAreRefused(String text) {
    assertThrows(InvalidFeedSyncException.class, () -> Times.parse(text));
    assertNull(Times.parseOrNull(text));
  }

  @ParameterizedTest
  @CsvSource({
      "'Sat, 21 Nov 2026 09:30:00 GMT', 2026-11-21T09:30:00Z",
      "'Sat, 21 Nov 2026 10:30:00 +0100', 2026-11-21T09:30:00Z",
      "'1 Nov 2026 09:30:00 GMT', 2026-11-01T09:30:00Z"})
  void rssDatesAreReadInAnyOffset(String text, String expected) {
    assertEquals(Instant.parse(expected), Times.parseRfc822OrNull(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "yesterday", "2026-11-21T09:30:00Z"})
  void unreadableRssDatesAreNull(String text) {
    assertNull(Times.parseRfc822OrNull(text));
  }
}
