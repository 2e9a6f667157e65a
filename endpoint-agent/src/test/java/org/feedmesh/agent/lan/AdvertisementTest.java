package org.feedmesh.agent.lan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AdvertisementTest {

  static Stream<Arguments> invalid() {
    Map<String, Long> nullCursor = new HashMap<>();
    nullCursor.put("photos", null);
    return Stream.of(
        Arguments.of("version 2", 2, "laptop", 80, Map.of(), "version 2"),
        Arguments.of("no endpoint id", 1, null, 80, Map.of(), "endpoint id"),
        Arguments.of("upper case endpoint id", 1, "Laptop", 80, Map.of(), "endpoint id"),
        Arguments.of("port 0", 1, "laptop", 0, Map.of(), "peer port"),
        Arguments.of("port 65536", 1, "laptop", 65_536, Map.of(), "peer port"),
        Arguments.of("bad namespace", 1, "laptop", 80, Map.of("a b", 1L), "namespace name"),
        Arguments.of("negative cursor", 1, "laptop", 80, Map.of("photos", -1L), "photos"),
        Arguments.of("null cursor", 1, "laptop", 80, nullCursor, "photos"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void anInvalidAdvertisementIsRefusedWithTheFieldNamed(
      String name, int version, String endpoint, int port, Map<String, Long> cursors, String says) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new Advertisement(version, endpoint, 1, port, cursors));
    assertTrue(e.getMessage().contains(says), e.getMessage());
  }

  @Test
  void cursorsAreCopiedAndIteratedInNameOrder() {
    Map<String, Long> cursors = new HashMap<>(Map.of("zeta", 1L, "alpha", 2L, "mid", 3L));
    Advertisement ad = Advertisement.of("laptop", 1, 80, cursors);
    cursors.clear();

    assertEquals(List.of("alpha", "mid", "zeta"), List.copyOf(ad.cursors().keySet()));
    assertThrows(UnsupportedOperationException.class, () -> ad.cursors().put("x", 1L));
  }
}
