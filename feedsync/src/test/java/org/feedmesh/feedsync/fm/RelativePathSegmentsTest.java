package org.feedmesh.feedsync.fm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RelativePathSegmentsTest {

  @ParameterizedTest
  @ValueSource(strings = {"...", ".hidden", "..x", "a/.../b", "a/.b", "x..", "a/b..c/d", "é/ü"})
  void namesThatOnlyStartWithDotsAreOrdinarySegments(String path) {
    assertTrue(RelativePath.isValid(path), path);
  }

  @ParameterizedTest
  @ValueSource(strings = {".", "..", "a/.", "a/..", "./a", "../a", "a/./b", "a/../b", "a//b", "a/"})
  void dotSegmentsAndEmptySegmentsAnywhereAreRefused(String path) {
    assertFalse(RelativePath.isValid(path), path);
  }

  @org.junit.jupiter.api.Test
  void decomposedNamesAreStoredComposedAndComposedAsciiNamesAreKept() {
    assertEquals("caf\u00e9/x", RelativePath.normalize("cafe\u0301/x"));
    String ascii = "docs/report-1.odt";
    assertEquals(ascii, RelativePath.normalize(ascii));
  }

  @org.junit.jupiter.api.Test
  void aSegmentIsBoundedInUtf8BytesNotInCharacters() {
    String fits = "é".repeat(127);   // 254 bytes
    String over = "é".repeat(128);   // 256 bytes, only 128 characters
    assertTrue(RelativePath.isValid("a/" + fits));
    assertFalse(RelativePath.isValid("a/" + over));
    assertTrue(RelativePath.isValid("a".repeat(255)));
    assertFalse(RelativePath.isValid("a".repeat(256)));
  }
}
