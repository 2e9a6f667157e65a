package org.feedmesh.feedsync.fm;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.feedmesh.feedsync.InvalidFeedSyncException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class FileMetaValidationTest {
  static final Instant T = Instant.parse("2026-03-01T09:00:00Z");
  static final String H1 = Sha256.hex("one");
  static final String H2 = Sha256.hex("two");

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"..", "../etc/passwd", "a/../b", "a/..", ".", "./a", "/abs", "/",
      "a\0b", "a\\b", "..\\x", "a//b", "a/", "C:/x", "c:x", "tab\there", "del\u007f", ""})
  void unsafePathsAreRefused(String path) {
    InvalidFeedSyncException e =
        assertThrows(InvalidFeedSyncException.class, () -> RelativePath.normalize(path));
    assertTrue(e.getMessage().startsWith("unsafe path"), e.getMessage());
    assertThrows(InvalidFeedSyncException.class, () -> FileMeta.dir(path, T, 0755));
  }

  @Test
  void aNullOrOverlongPathIsRefused() {
    assertThrows(InvalidFeedSyncException.class, () -> RelativePath.normalize(null));
    assertThrows(InvalidFeedSyncException.class, () -> RelativePath.normalize("a".repeat(256)));
    assertThrows(InvalidFeedSyncException.class,
        () -> RelativePath.normalize("a/".repeat(2100) + "b"));
  }

  @Test
  void pathsAreKeptInNfc() {
    assertEquals("caf\u00e9/x..y/.hidden", RelativePath.normalize("cafe\u0301/x..y/.hidden"));
  }

  static Stream<Arguments> refusals() {
    return Stream.of(
        refusal("negative block offset", "offset", () -> new Block(-1, 10, H1)),
        refusal("empty block", "block size", () -> new Block(0, 0, H1)),
        refusal("oversized block", "block size", () -> new Block(0, Block.MAX_SIZE + 1, H1)),
        refusal("uppercase hash", "SHA-256", () -> new Block(0, 10, H1.toUpperCase())),
        refusal("short hash", "SHA-256", () -> new Block(0, 10, H1.substring(1))),
        refusal("non-hex hash", "SHA-256", () -> new Block(0, 10, "g" + H1.substring(1))),
        refusal("null hash", "SHA-256", () -> new Block(0, 10, null)),
        refusal("gap between blocks", "without gaps",
            () -> file(25, new Block(0, 10, H1), new Block(15, 10, H2))),
        refusal("overlapping blocks", "without gaps",
            () -> file(15, new Block(0, 10, H1), new Block(5, 10, H2))),
        refusal("blocks out of order", "without gaps",
            () -> file(20, new Block(10, 10, H1), new Block(0, 10, H2))),
        refusal("first block not at 0", "without gaps",
            () -> file(10, new Block(5, 5, H1))),
        refusal("blocks shorter than size", "size is",
            () -> file(30, new Block(0, 10, H1))),
        refusal("blocks longer than size", "size is",
            () -> file(5, new Block(0, 10, H1))),
        refusal("negative size", "negative size", () -> file(-1)),
        refusal("bad blob id", "blob id", () -> FileMeta.file("f", 0, T, 0644, "abc", List.of())),
        refusal("missing blob id", "blob id", () -> FileMeta.file("f", 0, T, 0644, null, List.of())),
        refusal("mode out of range", "mode",
            () -> FileMeta.file("f", 0, T, 010000, Sha256.EMPTY, List.of())),
        refusal("negative mode", "mode", () -> FileMeta.dir("d", T, -1)),
        refusal("directory with a size", "directory",
            () -> new FileMeta("d", FileKind.DIR, 10, T, 0755, null, List.of(), null)),
        refusal("directory with a blob", "directory",
            () -> new FileMeta("d", FileKind.DIR, 0, T, 0755, H1, List.of(), null)),
        refusal("symlink without target", "target", () -> FileMeta.symlink("l", T, null)),
        refusal("symlink target with NUL", "target", () -> FileMeta.symlink("l", T, "a\0b")),
        refusal("symlink with a blob", "symlink",
            () -> new FileMeta("l", FileKind.SYMLINK, 0, T, 0777, H1, List.of(), "t")),
        refusal("file with a target", "target",
            () -> new FileMeta("f", FileKind.FILE, 0, T, 0644, Sha256.EMPTY, List.of(), "t")),
        refusal("unknown kind", "kind", () -> FileKind.fromXml("fifo")));
  }

  static FileMeta file(long size, Block... blocks) {
    return FileMeta.file("f", size, T, 0644, H1, List.of(blocks));
  }

  static Arguments refusal(String name, String messagePart, Executable build) {
    return Arguments.of(name, messagePart, build);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void invalidFileMetadataIsRefusedWithAMessageNamingTheProblem(String name, String messagePart,
      Executable build) {
    InvalidFeedSyncException e = assertThrows(InvalidFeedSyncException.class, build);
    assertTrue(e.getMessage().contains(messagePart), name + ": " + e.getMessage());
  }

  @Test
  void aFileWhoseBlocksCoverItsSizeExactlyIsAccepted() {
    FileMeta f = FileMeta.file("docs/a.txt", 20, T, 0644, H1,
        List.of(new Block(0, 10, H1), new Block(10, 10, H2)));
    assertEquals(2, f.blocks().size());
    assertDoesNotThrow(() -> FileMeta.file("empty", 0, T, 0644, Sha256.EMPTY, List.of()));
  }

  @Test
  void theItemIdOfAPathIsTheSameForEveryEndpointAndEveryUnicodeForm() {
    assertEquals(FileMeta.itemId("ns", "caf\u00e9"), FileMeta.itemId("ns", "cafe\u0301"));
    assertEquals(64, FileMeta.itemId("ns", "a").length());
    assertNotEquals(FileMeta.itemId("ns", "a"), FileMeta.itemId("ns2", "a"));
  }

  @Test
  void sameContentIsTheSameKindBlobAndTargetWhateverThePathModeOrMtime() {
    FileMeta a = FileMeta.file("a.txt", 10, T, 0644, H1, List.of(new Block(0, 10, H1)));
    assertTrue(a.sameContentAs(FileMeta.file("b.txt", 10, T.plusSeconds(9), 0755, H1, List.of(new Block(0, 10, H1)))));
    assertFalse(a.sameContentAs(FileMeta.file("a.txt", 10, T, 0644, H2, List.of(new Block(0, 10, H2)))));
    assertFalse(a.sameContentAs(null));
    assertTrue(FileMeta.dir("d", T, 0755).sameContentAs(FileMeta.dir("d", T.plusSeconds(1), 0700)));
    assertFalse(FileMeta.dir("d", T, 0755).sameContentAs(FileMeta.symlink("d", T, "x")));
    assertTrue(FileMeta.symlink("l", T, "x").sameContentAs(FileMeta.symlink("l", T, "x")));
    assertFalse(FileMeta.symlink("l", T, "x").sameContentAs(FileMeta.symlink("l", T, "y")));
  }
}
