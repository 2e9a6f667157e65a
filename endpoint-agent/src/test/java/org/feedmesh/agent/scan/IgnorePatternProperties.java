package org.feedmesh.agent.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Patterns of plain characters and at most one star are matched with string tests, not the
 * regular expression; for any such pattern and any path both must say the same.
 */
class IgnorePatternProperties {

  @Property(tries = 3000)
  void theLiteralTestAgreesWithTheRegularExpression(
      @ForAll("literalGlobs") String glob, @ForAll("paths") String path, @ForAll boolean dir) {
    IgnorePattern p = IgnorePattern.parse(glob);
    assertNotNull(p.literal(), "a plain glob gets the string test: " + glob);
    assertEquals(p.matchesByRegex(path, dir), p.matches(path, dir), glob + " on " + path);
  }

  @Property(tries = 500)
  void everyAlwaysIgnoredNameIsStillIgnoredAtAnyDepth(
      @ForAll("paths") String dirs, @ForAll("alwaysIgnored") String name) {
    String path = dirs + "/" + name;
    assertEquals(true, IgnoreRules.NONE.ignored(path, false), path);
  }

  /** Letters from a small alphabet (with '.' and '/') so that matches are common. */
  private static Arbitrary<String> words(int max) {
    return Arbitraries.strings().withChars("ab.~#$").ofMinLength(0).ofMaxLength(max);
  }

  @Provide
  Arbitrary<String> literalGlobs() {
    Arbitrary<String> starred =
        Combinators.combine(words(3), words(3)).as((a, b) -> a + "*" + b);
    Arbitrary<String> anchored =
        Combinators.combine(words(2), words(3), Arbitraries.of("", "*"))
            .as((a, b, star) -> "/" + a + (a.isEmpty() ? "" : "/") + b + star);
    Arbitrary<String> middle =
        Combinators.combine(words(2), words(2), words(1))
            .as((a, b, c) -> (a.isEmpty() ? "a" : a) + "/" + b + "*" + c);
    return Arbitraries.oneOf(starred, anchored, middle, words(4))
        .filter(g -> !g.isBlank() && !g.startsWith("#") && !g.startsWith("!")
            && !g.replace("/", "").isEmpty() && !g.endsWith("/") && !g.contains("//"));
  }

  @Provide
  Arbitrary<String> paths() {
    return words(3).list().ofMinSize(1).ofMaxSize(4)
        .map(parts -> String.join("/", parts.stream().map(w -> w.replace("/", "")).map(w -> w.isEmpty() ? "n" : w).toList()));
  }

  @Provide
  Arbitrary<String> alwaysIgnored() {
    return Arbitraries.of("x.feedmesh-tmp", ".feedmesh-tmp-1", "notes~", ".a.swp", ".b.swx", ".#lock",
        "~$doc.docx", "a.tmp", ".DS_Store", "Thumbs.db", "4913");
  }
}
