package org.feedmesh.feedsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Rfc3339ParsingTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "2026-11-21T09:30:00Z,          2026-11-21T09:30:00Z",
      "2026-11-21T10:30:00+01:00,     2026-11-21T09:30:00Z",
      "2026-11-21T04:00:00-05:30,     2026-11-21T09:30:00Z",
      "2026-11-22T00:30:00+15:00,     2026-11-21T09:30:00Z",
      "2026-11-21T09:30:00.999Z,      2026-11-21T09:30:00Z",
      "2026-11-21T09:30:00.000000001Z, 2026-11-21T09:30:00Z",
      "2026-11-21T10:30:00.5+01:00,   2026-11-21T09:30:00Z",
      "2026-11-21t09:30:00z,          2026-11-21T09:30:00Z",
      "2026-12-31T23:59:59-01:00,     2027-01-01T00:59:59Z",
      "2016-12-31T23:59:60Z,          2016-12-31T23:59:59Z",
      "2017-01-01T00:59:60.5+01:00,   2016-12-31T23:59:59Z"})
  void timesAreReadAsInstantsAndNormalizedToUtcWholeSeconds(String text, String written) {
    Instant parsed = Rfc3339.parse(text);
    assertEquals(written, Rfc3339.format(parsed));
    assertEquals(Instant.parse(written), parsed);
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"", "   ", "yesterday", "2026-11-21", "2026-11-21T09:30:00",
      "2026-11-21 09:30:00Z", "2026-13-01T00:00:00Z", "2026-11-31T00:00:00Z",
      "2026-11-21T25:00:00Z", "2026-11-21T09:30:00+25:00", "21/11/2026 09:30",
      "2026-11-21T09:30:00ZZ", "1637487000", "2026-11-21T09:30Z", "+12026-11-21T09:30:00Z",
      "-0001-01-01T00:00:00Z", "2026-11-21T09:30:00+0100", "2026-11-21T09:30:00.Z",
      "2026-11-21T09:30:00+01", "2026-11-21T09:30:61Z"})
  void somethingThatIsNotAnRfc3339DateTimeIsRefused(String text) {
    InvalidFeedSyncException e =
        assertThrows(InvalidFeedSyncException.class, () -> Rfc3339.parse(text));
    assertTrue(e.getMessage().contains("date-time"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"2026-11-21T09:30:00.4Z", "2026-11-21T09:30:00Z"})
  void formattingWritesUtcWholeSecondsWithZ(String text) {
    assertEquals("2026-11-21T09:30:00Z", Rfc3339.format(Instant.parse(text)));
  }
}
