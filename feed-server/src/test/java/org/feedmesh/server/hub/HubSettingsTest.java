package org.feedmesh.server.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HubSettingsTest {
  private static final HubSettings D = HubSettings.defaults();

  @Test
  void leasesAreTheDefaultWhenNoneIsAskedAndClampedOtherwise() {
    assertEquals(Duration.ofDays(10), D.lease(OptionalLong.empty()));
    assertEquals(Duration.ofMinutes(5), D.lease(OptionalLong.of(1)));
    assertEquals(Duration.ofSeconds(3600), D.lease(OptionalLong.of(3600)));
    assertEquals(Duration.ofDays(30), D.lease(OptionalLong.of(Long.MAX_VALUE)));
  }

  static Stream<Arguments> badSettings() {
    Duration s = Duration.ofSeconds(1);
    return Stream.of(
        Arguments.of(
            "minimum lease", (Supplier<HubSettings>) () -> D.withLeases(s, Duration.ZERO, s)),
        Arguments.of(
            "above the maximum",
            (Supplier<HubSettings>)
                () -> D.withLeases(s.multipliedBy(5), s.multipliedBy(10), s.multipliedBy(2))),
        Arguments.of(
            "must lie between",
            (Supplier<HubSettings>) () -> D.withLeases(s.multipliedBy(20), s, s.multipliedBy(10))),
        Arguments.of("max in-flight", (Supplier<HubSettings>) () -> D.withMaxInFlight(0)),
        Arguments.of(
            "retry base",
            (Supplier<HubSettings>)
                () -> D.withRetry(Duration.ofMinutes(20), Duration.ofMinutes(15))),
        Arguments.of("batch max entries", (Supplier<HubSettings>) () -> D.withBatch(0, 4096)),
        Arguments.of("batch max bytes", (Supplier<HubSettings>) () -> D.withBatch(10, 100)),
        Arguments.of(
            "call timeout", (Supplier<HubSettings>) () -> D.withTimeouts(s, Duration.ZERO)),
        Arguments.of(
            "sweep interval", (Supplier<HubSettings>) () -> D.withSweepInterval(Duration.ZERO)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badSettings")
  void badSettingsFailNamingTheSetting(String named, Supplier<HubSettings> settings) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, settings::get);
    assertTrue(e.getMessage().contains(named), e.getMessage());
  }
}
