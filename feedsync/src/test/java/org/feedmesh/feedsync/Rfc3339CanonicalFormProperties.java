package org.feedmesh.feedsync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/** The fast path for {@code YYYY-MM-DDTHH:MM:SSZ} must agree with the general one everywhere. */
class Rfc3339CanonicalFormProperties {

  @Property(tries = 2000)
  void canonicalTimesReadBackAsTheInstantTheyWereWrittenFrom(
      @ForAll @LongRange(min = -62135596800L, max = 253402300799L) long epochSecond) {
    Instant t = Instant.ofEpochSecond(epochSecond);
    assertEquals(t, Rfc3339.parse(Rfc3339.format(t)));
  }

  @Property(tries = 500)
  void theCanonicalFormAndAnEquivalentOffsetFormReadAsTheSameInstant(
      @ForAll @LongRange(min = 0, max = 4102444800L) long epochSecond) {
    Instant t = Instant.ofEpochSecond(epochSecond);
    String canonical = Rfc3339.format(t);
    String withOffset = java.time.OffsetDateTime.ofInstant(t, java.time.ZoneOffset.ofHours(2))
        .format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    assertEquals(Rfc3339.parse(withOffset), Rfc3339.parse(canonical));
  }
}
