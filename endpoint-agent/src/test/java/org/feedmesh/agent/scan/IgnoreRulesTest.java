package org.feedmesh.agent.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IgnoreRulesTest {

  private static boolean ignored(String pattern, String path, boolean dir) {
    return IgnoreRules.parse(List.of(pattern)).ignored(path, dir);
  }

  @ParameterizedTest(name = "\"{0}\" on {1} (dir={2}) → ignored={3}")
  @CsvSource(delimiter = '|', value = {
    // a name without slash matches at any depth
    "*.log        | a.log              | false | true",
    "*.log        | deep/er/a.log      | false | true",
    "*.log        | a.logx             | false | false",
    "build        | x/build            | true  | true",
    "build        | x/build/out.o      | false | true",
    // * never crosses a slash, ? is one character
    "doc/*.txt    | doc/a.txt          | false | true",
    "doc/*.txt    | doc/sub/a.txt      | false | false",
    "file?.c      | file1.c            | false | true",
    "file?.c      | file12.c           | false | false",
    "a?b          | a/b                | false | false",
    // character classes
    "[abc].md     | b.md               | false | true",
    "[abc].md     | d.md               | false | false",
    "[a-c]x       | bx                 | false | true",
    "[!a-c]x      | dx                 | false | true",
    "[!a-c]x      | ax                 | false | false",
    "[^a-c]x      | ax                 | false | false",
    // a leading slash anchors at the root
    "/todo        | todo               | false | true",
    "/todo        | sub/todo           | false | false",
    // a slash in the middle anchors too
    "a/b          | a/b                | false | true",
    "a/b          | x/a/b              | false | false",
    // trailing slash: directories only
    "cache/       | cache              | true  | true",
    "cache/       | cache              | false | false",
    "cache/       | x/cache/y          | false | true",
    // double star forms
    "**/logs      | logs               | true  | true",
    "**/logs      | a/b/logs           | true  | true",
    "logs/**      | logs/a/b           | false | true",
    "logs/**      | logs               | true  | false",
    "a/**/b       | a/b                | false | true",
    "a/**/b       | a/x/y/b            | false | true",
    "a/**/b       | a/x/y/c            | false | false",
    // escapes
    "\\#hash      | #hash              | false | true",
    "\\!bang      | !bang              | false | true",
    "a\\*b        | a*b                | false | true",
    "a\\*b        | axb                | false | false",
  })
  void eachPatternFormMatchesAsInGit(String pattern, String path, boolean dir, boolean expected) {
    assertEquals(expected, ignored(pattern.trim(), path, dir));
  }

  @Test
  void commentsAndBlankLinesMatchNothing() {
    IgnoreRules r = IgnoreRules.parse(List.of("# a.txt", "", "   "));
    assertFalse(r.ignored("# a.txt", false));
    assertFalse(r.ignored("a.txt", false));
  }

  @Test
  void theLastMatchingLineWinsAndNegationReincludes() {
    IgnoreRules r = IgnoreRules.parse(List.of("*.log", "!keep.log", "keep.log.d/"));
    assertTrue(r.ignored("a.log", false));
    assertFalse(r.ignored("keep.log", false));
    assertFalse(r.ignored("sub/keep.log", false));
  }

  @Test
  void aFileInsideAnIgnoredDirectoryCannotBeReincluded() {
    IgnoreRules r = IgnoreRules.parse(List.of("out/", "!out/keep.txt"));
    assertTrue(r.ignored("out/keep.txt", false));
  }

  @Test
  void trailingSpacesAreTrimmedUnlessEscaped() {
    assertTrue(ignored("a.txt   ", "a.txt", false));
    assertTrue(ignored("a\\ ", "a ", false));
  }

  @ParameterizedTest(name = "{0} is always ignored")
  @ValueSource(strings = {
    ".feedmesh", ".feedmesh/index.mv.db", ".feedmesh/versions/a.txt~20261121-101500",
    "a.txt.feedmesh-tmp", "sub/.feedmesh-tmp-123", "notes.txt~", "sub/.notes.txt.swp",
    ".x.swx", ".#lock", "~$report.docx", "sub/cache.tmp", ".DS_Store", "photos/Thumbs.db", "4913",
  })
  void agentAndEditorTemporaryFilesAreAlwaysIgnored(String path) {
    assertTrue(IgnoreRules.NONE.ignored(path, false));
    assertTrue(IgnoreRules.parse(List.of("!*", "!" + path)).ignored(path, false), "cannot negate");
  }

  @ParameterizedTest(name = "{0} is synced")
  @ValueSource(strings = {"sub/.feedmesh", "a.feedmesh-tmp.txt", "report.docx", "swp", "x.tmpl",
      ".feedmeshignore", "49130"})
  void ordinaryNamesAreNotIgnoredByDefault(String path) {
    assertFalse(IgnoreRules.NONE.ignored(path, false));
  }

  @Test
  void rulesAreLoadedFromTheFolder(@TempDir Path folder) throws Exception {
    Files.writeString(folder.resolve(IgnoreRules.FILE_NAME), "# build output\n/build/\n*.o\n");
    IgnoreRules r = IgnoreRules.load(folder);
    assertTrue(r.ignored("build", true));
    assertTrue(r.ignored("src/x.o", false));
    assertFalse(r.ignored("src/build", true));
    assertFalse(IgnoreRules.load(folder.resolve("missing")).ignored("x.o", false));
  }

  @Test
  void rulesAreEqualWhenTheirFilesListTheSamePatternsInOrder() {
    IgnoreRules r = IgnoreRules.parse(List.of("*.log", "# a comment", "", "!keep.log"));
    assertEquals(r, IgnoreRules.parse(List.of("*.log", "!keep.log")), "comments and blank lines are no rules");
    assertEquals(r.hashCode(), IgnoreRules.parse(List.of("*.log", "!keep.log")).hashCode());
    assertNotEquals(r, IgnoreRules.parse(List.of("!keep.log", "*.log")), "the last match decides: order counts");
    assertNotEquals(r, IgnoreRules.NONE);
    assertEquals(IgnoreRules.NONE, IgnoreRules.parse(List.of("# nothing")));
    assertEquals(2, r.patternCount());
  }
}
