package org.feedmesh.feedsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Refusals and edge cases of the fast path for {@code YYYY-MM-DDTHH:MM:SSZ}. */
class Rfc3339CanonicalFormTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "2026-13-01T00:00:00Z", "2026-00-10T00:00:00Z", "2026-02-30T00:00:00Z",
      "2026-11-31T00:00:00Z", "2026-11-21T24:00:00Z", "2026-11-21T09:60:00Z",
      "2026-11-21T09:00:61Z", "2026-1a-21T09:00:00Z", "2026-11-21X09:00:00Z"})
  void canonicalLookingTimesWithImpossibleFieldsAreRefused(String text) {
    assertThrows(InvalidFeedSyncException.class, () -> Rfc3339.parse(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"2016-12-31T23:59:60Z"})
  void aLeapSecondInTheCanonicalFormIsStillRead(String text) {
    assertEquals(Instant.parse("2016-12-31T23:59:59Z"), Rfc3339.parse(text));
  }
}
