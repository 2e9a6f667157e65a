package org.feedmesh.feedsync.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class XmlLimitsTest {

  static Stream<Arguments> badSettings() {
    XmlLimits d = XmlLimits.DEFAULT;
    return Stream.of(
        Arguments.of("maxInputBytes", (Supplier<XmlLimits>) () -> d.withMaxInputBytes(0)),
        Arguments.of("maxItemBytes", (Supplier<XmlLimits>) () -> d.withMaxItemBytes(-1)),
        Arguments.of("maxItemElements", (Supplier<XmlLimits>) () -> d.withMaxItemElements(0)),
        Arguments.of("maxAttributes", (Supplier<XmlLimits>) () -> d.withMaxAttributes(0)),
        Arguments.of("maxConflicts", (Supplier<XmlLimits>) () -> d.withMaxConflicts(0)),
        Arguments.of("maxDepth", (Supplier<XmlLimits>) () -> d.withMaxDepth(7)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badSettings")
  void badSettingsAreRefusedNamingTheSetting(String name, Supplier<XmlLimits> build) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build::get);
    assertTrue(e.getMessage().startsWith(name), e.getMessage());
  }

  @Test
  void withMethodsChangeOnlyTheirSetting() {
    XmlLimits l = XmlLimits.DEFAULT.withMaxInputBytes(5).withMaxDepth(9);
    assertEquals(new XmlLimits(5, XmlLimits.DEFAULT.maxItemBytes(), XmlLimits.DEFAULT.maxItemElements(), 9,
        XmlLimits.DEFAULT.maxAttributes(), XmlLimits.DEFAULT.maxConflicts()), l);
  }

  @Test
  void formatsAreFoundByMediaTypeWithParameters() {
    assertEquals(FeedFormat.ATOM, FeedFormat.ofMediaType("application/atom+xml; charset=utf-8").orElseThrow());
    assertEquals(FeedFormat.RSS, FeedFormat.ofMediaType("Application/RSS+XML").orElseThrow());
    assertTrue(FeedFormat.ofMediaType("application/xml").isEmpty());
    assertTrue(FeedFormat.ofMediaType(null).isEmpty());
  }
}
