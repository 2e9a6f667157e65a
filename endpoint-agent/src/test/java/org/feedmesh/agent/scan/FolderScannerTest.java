package org.feedmesh.agent.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;
import org.feedmesh.agent.blocks.ChunkerParams;
import org.feedmesh.agent.blocks.FileHasher;
import org.feedmesh.agent.blocks.HashedFile;
import org.feedmesh.agent.index.AgentIndex;
import org.feedmesh.agent.index.IndexEntry;
import org.feedmesh.feedsync.fm.FileKind;
import org.feedmesh.feedsync.fm.FileMeta;
import org.feedmesh.feedsync.fm.Sha256;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderScannerTest {
  static final ChunkerParams SMALL = new ChunkerParams(4 << 10, 16 << 10, 64 << 10);
  /** Files in these tests were written a moment ago; an hour later none is "racy". */
  static final Clock LATER = Clock.offset(Clock.systemUTC(), Duration.ofHours(1));

  @TempDir Path root;
  Path folder;
  AgentIndex index;
  FolderScanner scanner;

  @BeforeEach
  void setUp() throws IOException {
    folder = Files.createDirectory(root.resolve("folder"));
    index = AgentIndex.open(folder.resolve(".feedmesh"));
    scanner = new FolderScanner(folder, index, IgnoreRules.load(folder), new FileHasher(SMALL), LATER);
  }

  @AfterEach
  void tearDown() {
    index.close();
  }

  /** What the sync engine does after publishing: the index takes the scanned state. */
  private void commit(List<LocalChange> changes) {
    for (LocalChange c : changes) {
      if (c.isGone()) {
        index.remove(c.path());
      } else {
        index.put(new IndexEntry(c.path(), c.after(), null, false));
      }
    }
  }

  private static Map<String, LocalChange> byPath(List<LocalChange> changes) {
    return changes.stream().collect(Collectors.toMap(LocalChange::path, Function.identity()));
  }

  private Path write(String rel, String text) throws IOException {
    Path p = folder.resolve(rel);
    Files.createDirectories(p.getParent());
    return Files.writeString(p, text);
  }

  @Test
  void newFilesDirectoriesAndSymlinksAreReportedWithTheirMetadata() throws IOException {
    Path f = write("docs/a b.txt", "hello");
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r-----"));
    Files.createDirectory(folder.resolve("empty dir"));
    Files.createFile(folder.resolve("empty"));
    Files.createSymbolicLink(folder.resolve("link"), Path.of("docs/a b.txt"));
    Map<String, LocalChange> c = byPath(scanner.scan(ScanProgress.NONE));
    assertEquals(List.of("docs", "docs/a b.txt", "empty", "empty dir", "link"), List.copyOf(new java.util.TreeSet<>(c.keySet())));
    FileMeta a = c.get("docs/a b.txt").after();
    assertNull(c.get("docs/a b.txt").before());
    assertEquals(FileKind.FILE, a.kind());
    assertEquals(Sha256.hex("hello"), a.blobId());
    assertEquals(0640, a.mode());
    assertEquals(5, a.size());
    assertEquals(Files.getLastModifiedTime(f).toInstant().getEpochSecond(), a.mtime().getEpochSecond());
    assertEquals(Sha256.EMPTY, c.get("empty").after().blobId());
    assertEquals(FileKind.DIR, c.get("empty dir").after().kind());
    assertEquals(FileMeta.symlink("link", a.mtime(), "docs/a b.txt").target(), c.get("link").after().target());
    assertEquals(FileKind.SYMLINK, c.get("link").after().kind());
  }

  @Test
  void aRescanOfAnUnchangedFolderReportsNothingAndHashesNothing() throws IOException {
    Path f = write("a/b/c.bin", "x".repeat(100_000));
    Files.setLastModifiedTime(f, FileTime.from(Instant.parse("2026-01-02T03:04:05.123456789Z")));
    write("d.txt", "d");
    commit(scanner.scan(ScanProgress.NONE));
    long hashed = scanner.filesHashed();
    assertEquals(2, hashed);
    assertEquals(List.of(), scanner.scan(ScanProgress.NONE));
    assertEquals(hashed, scanner.filesHashed(), "nothing re-hashed");
    assertEquals(List.of(), scanner.scan(List.of("a", "d.txt")));
    assertEquals(hashed, scanner.filesHashed());
  }

  @Test
  void aNewMtimeOrSizeRehashesButAModeChangeAloneDoesNot() throws IOException {
    Path f = write("f.txt", "one");
    Instant t = Instant.parse("2026-01-02T03:04:05Z");
    Files.setLastModifiedTime(f, FileTime.from(t));
    commit(scanner.scan(ScanProgress.NONE));
    long hashed = scanner.filesHashed();

    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
    List<LocalChange> modeOnly = scanner.scan(ScanProgress.NONE);
    assertEquals(hashed, scanner.filesHashed());
    assertEquals(1, modeOnly.size());
    assertEquals(0755, modeOnly.get(0).after().mode());
    assertEquals(Sha256.hex("one"), modeOnly.get(0).after().blobId());
    commit(modeOnly);

    Files.writeString(f, "two");
    Files.setLastModifiedTime(f, FileTime.from(t.plusSeconds(1)));
    List<LocalChange> edited = scanner.scan(ScanProgress.NONE);
    assertEquals(hashed + 1, scanner.filesHashed());
    assertEquals(Sha256.hex("two"), edited.get(0).after().blobId());
    assertEquals(Sha256.hex("one"), edited.get(0).before().blobId());
  }

  @Test
  void goneFilesAndEverythingBelowAGoneDirectoryAreReported() throws IOException {
    write("keep.txt", "k");
    write("d/x.txt", "x");
    write("d/e/y.txt", "y");
    commit(scanner.scan(ScanProgress.NONE));
    Files.delete(folder.resolve("d/e/y.txt"));
    Files.delete(folder.resolve("d/e"));
    Files.delete(folder.resolve("d/x.txt"));
    Files.delete(folder.resolve("d"));
    List<LocalChange> full = scanner.scan(ScanProgress.NONE);
    assertEquals(List.of("d", "d/e", "d/e/y.txt", "d/x.txt"), full.stream().map(LocalChange::path).toList());
    assertTrue(full.stream().allMatch(LocalChange::isGone));
    assertEquals(full, scanner.scan(List.of("d")), "a watched path takes its subtree with it");
  }

  @Test
  void aFileEditedInTheSameSecondItWasHashedIsHashedAgain() throws IOException {
    Path f = write("racy.txt", "aaaa");
    Instant mtime = Files.getLastModifiedTime(f).toInstant();
    Clock sameSecond = Clock.fixed(mtime.plusMillis(300), java.time.ZoneOffset.UTC);
    FolderScanner now = new FolderScanner(folder, index, IgnoreRules.NONE, new FileHasher(SMALL), sameSecond);
    commit(now.scan(ScanProgress.NONE));
    Files.writeString(f, "bbbb"); // same size, and (below) the same mtime: a stat cannot tell
    Files.setLastModifiedTime(f, FileTime.from(mtime));
    List<LocalChange> c = now.scan(ScanProgress.NONE);
    assertEquals(1, c.size());
    assertEquals(Sha256.hex("bbbb"), c.get(0).after().blobId());
    commit(c);
    FolderScanner later = new FolderScanner(folder, index, IgnoreRules.NONE, new FileHasher(SMALL), LATER);
    assertEquals(List.of(), later.scan(ScanProgress.NONE));
    assertEquals(0, later.filesHashed(), "a file last written long ago is trusted by its stat");
  }

  @Test
  void aFileThatChangesWhileHashedIsReportedWithItsFinalContentNeverHalfWritten() throws IOException {
    Path f = write("growing.log", "a".repeat(200_000));
    byte[] tail = "b".repeat(50_000).getBytes(StandardCharsets.UTF_8);
    ScanProgress appendOnce = new ScanProgress() {
      boolean appended;

      @Override
      public void total(long files, long bytes) {}

      @Override
      public void hashed(long bytes) {
        if (!appended) {
          appended = true;
          append(f, tail);
        }
      }

      @Override
      public void done() {}
    };
    List<LocalChange> c = scanner.scan(appendOnce);
    assertEquals(2, scanner.filesHashed(), "hashed again after the change");
    assertEquals(1, c.size());
    assertEquals(Sha256.hex("a".repeat(200_000) + "b".repeat(50_000)), c.get(0).after().blobId());
    assertEquals(250_000, c.get(0).after().size());
  }

  @Test
  void aFileThatKeepsChangingWhileHashedIsLeftForALaterScan() throws IOException {
    Path f = write("busy.log", "a".repeat(100_000));
    ScanProgress appendAlways = new ScanProgress() {
      @Override
      public void total(long files, long bytes) {}

      @Override
      public void hashed(long bytes) {
        append(f, new byte[] {'x'});
      }

      @Override
      public void done() {}
    };
    assertEquals(List.of(), scanner.scan(appendAlways));
    List<LocalChange> later = scanner.scan(ScanProgress.NONE);
    assertEquals(1, later.size());
    assertEquals(Sha256.hex(Files.readAllBytes(f)), later.get(0).after().blobId());
  }

  @Test
  void namesThatCannotBeSyncedAreSkipped() throws IOException {
    write("ok.txt", "ok");
    write("back\\slash.txt", "x");
    write("ctl\u0001.txt", "x");
    write("e\u0301.txt", "not NFC");
    write("bad\\dir/inner.txt", "x");
    List<LocalChange> c = scanner.scan(ScanProgress.NONE);
    assertEquals(List.of("ok.txt"), c.stream().map(LocalChange::path).toList());
  }

  @Test
  void symlinksAreReportedButNeverFollowed() throws IOException {
    Path outside = Files.createDirectory(root.resolve("outside"));
    Files.writeString(outside.resolve("secret.txt"), "secret");
    Files.createSymbolicLink(folder.resolve("out"), outside);
    List<LocalChange> c = scanner.scan(ScanProgress.NONE);
    assertEquals(List.of("out"), c.stream().map(LocalChange::path).toList());
    assertEquals(outside.toString(), c.get(0).after().target());
    commit(c);
    assertEquals(List.of(), scanner.scan(List.of("out/secret.txt")));
    assertEquals(0, scanner.filesHashed());
  }

  @Test
  void ignoredPathsAndTheAgentDirectoryAreNotReported() throws IOException {
    write(".feedmeshignore", "*.log\nbuild/\n");
    write("a.log", "x");
    write("build/out.o", "x");
    write("notes.txt~", "x");
    write("src/main.c", "int main;");
    scanner = new FolderScanner(folder, index, IgnoreRules.load(folder), new FileHasher(SMALL), LATER);
    Map<String, LocalChange> c = byPath(scanner.scan(ScanProgress.NONE));
    assertEquals(java.util.Set.of(".feedmeshignore", "src", "src/main.c"), c.keySet());
    assertTrue(Files.exists(folder.resolve(".feedmesh/index.mv.db")));
  }

  @Test
  void anIndexedPathThatBecameIgnoredIsNotReportedGone() throws IOException {
    write("a.log", "x");
    commit(scanner.scan(ScanProgress.NONE));
    FolderScanner ignoring = new FolderScanner(folder, index, IgnoreRules.parse(List.of("*.log")),
        new FileHasher(SMALL), LATER);
    Files.delete(folder.resolve("a.log"));
    assertEquals(List.of(), ignoring.scan(ScanProgress.NONE));
  }

  @Test
  void watchedPathsScanADirectoryThatMovedInAndNothingElse() throws IOException {
    write("elsewhere.txt", "e");
    commit(scanner.scan(ScanProgress.NONE));
    write("elsewhere.txt", "changed but not watched");
    write("new/a.txt", "a");
    write("new/sub/b.txt", "b");
    List<LocalChange> c = scanner.scan(List.of("new", "new/a.txt"));
    assertEquals(List.of("new", "new/a.txt", "new/sub", "new/sub/b.txt"),
        c.stream().map(LocalChange::path).toList());
  }

  @Test
  void theProgressBarShowsTheBytesAndFilesToHash() throws IOException {
    write("a.bin", "a".repeat(300_000));
    write("b.bin", "b".repeat(300_000));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    scanner.scan(new ProgressBarScanProgress(new PrintStream(out, true, StandardCharsets.UTF_8), "Hashing"));
    String shown = out.toString(StandardCharsets.UTF_8);
    assertTrue(shown.contains("Hashing") && shown.contains("2 files") && shown.contains("100%"), shown);
  }

  @Test
  void aScanInSlicesHandsOnAtMostThatManyHashedFilesAtATimeEachInPathOrder() throws IOException {
    for (int i = 0; i < 7; i++) {
      write("new/f" + (6 - i) + ".txt", "file " + i);
    }
    Files.createDirectories(folder.resolve("new/empty"));
    List<List<LocalChange>> slices = new java.util.ArrayList<>();
    scanner.scan(List.of("new", "new/f3.txt"), 3, slices::add);

    assertEquals(3, slices.size(), "7 files in slices of 3");
    assertEquals(List.of("new", "new/empty", "new/f0.txt", "new/f1.txt", "new/f2.txt"),
        slices.get(0).stream().map(LocalChange::path).toList(), "what needs no hashing comes first");
    assertEquals(List.of("new/f3.txt", "new/f4.txt", "new/f5.txt"),
        slices.get(1).stream().map(LocalChange::path).toList());
    assertEquals(List.of("new/f6.txt"), slices.get(2).stream().map(LocalChange::path).toList());
    assertEquals(7, scanner.filesHashed(), "each file hashed once, though it was also named alone");
  }

  @Test
  void aFileTheAgentJustWroteIsNotHashedAgainUntilSomethingElseTouchesIt() throws IOException {
    // the system clock: these files are "racy" (written this second), so normally hashed again
    FolderScanner now = new FolderScanner(folder, index, IgnoreRules.load(folder), new FileHasher(SMALL));
    Path f = write("got.txt", "from a peer");
    commit(now.scan(List.of("got.txt")));
    long hashed = now.filesHashed();
    assertEquals(List.of(), now.scan(List.of("got.txt")));
    assertEquals(hashed + 1, now.filesHashed(), "a racy file is hashed again");

    now.wrote("got.txt", DiskStat.of(f));
    assertEquals(List.of(), now.scan(List.of("got.txt")));
    assertEquals(hashed + 1, now.filesHashed(), "what the agent itself wrote is not");

    IndexEntry kept = index.get("got.txt").orElseThrow();
    index.remove("got.txt"); // behind its back: the scanner does not even look at the index
    assertEquals(List.of(), now.scan(List.of("got.txt")), "the agent's own write, seen again");
    index.put(kept);
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
    List<LocalChange> chmod = now.scan(List.of("got.txt"));
    assertEquals(1, chmod.size(), "a chmod since is a change");
    assertEquals(0600, chmod.get(0).after().mode());
    commit(chmod);
    now.wrote("got.txt", DiskStat.of(f));

    long before = now.filesHashed();
    Files.writeString(f, "edited here"); // same size, same second
    List<LocalChange> c = now.scan(List.of("got.txt"));
    assertEquals(before + 1, now.filesHashed());
    assertEquals(Sha256.hex("edited here".getBytes(StandardCharsets.UTF_8)), c.get(0).after().blobId(),
        "an edit after the agent's write is seen");
  }

  private static void append(Path f, byte[] data) {
    try {
      Files.write(f, data, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A scanner whose disk refuses to list these directories and to read these files (EACCES). */
  private FolderScanner refusing(Set<String> unlistable, Set<String> unreadable) {
    FolderScanner.DiskReader real = FolderScanner.DiskReader.of(new FileHasher(SMALL));
    return new FolderScanner(folder, index, IgnoreRules.load(folder), new FolderScanner.DiskReader() {
      @Override
      public DirectoryStream<Path> list(Path dir) throws IOException {
        if (unlistable.contains(rel(dir))) {
          throw new AccessDeniedException(dir.toString());
        }
        return real.list(dir);
      }

      @Override
      public HashedFile hash(Path file, LongConsumer progress) throws IOException {
        if (unreadable.contains(rel(file))) {
          throw new AccessDeniedException(file.toString());
        }
        return real.hash(file, progress);
      }
    }, LATER);
  }

  private String rel(Path p) {
    return folder.relativize(p).toString();
  }

  @Test
  void aDirectoryThatCannotBeListedIsNotTakenForOneWhoseFilesWereDeleted() throws IOException {
    write("docs/a.txt", "a");
    write("docs/deep/b.txt", "b");
    write("top.txt", "top");
    commit(scanner.scan(ScanProgress.NONE));

    FolderScanner refused = refusing(Set.of("docs"), Set.of());
    assertEquals(List.of(), refused.scan(ScanProgress.NONE), "a full scan publishes no delete");
    assertEquals(List.of(), refused.scan(List.of("docs")), "nor does a scan of the directory");
    assertEquals(List.of(), refused.scan(List.of("docs/deep/b.txt")), "nor of a file below it");
    assertEquals(List.of(), refusing(Set.of(""), Set.of()).scan(ScanProgress.NONE),
        "nor a folder that cannot be listed at all");

    Files.delete(folder.resolve("docs/a.txt"));
    assertEquals(List.of("docs/a.txt"), scanner.scan(ScanProgress.NONE).stream().map(LocalChange::path).toList(),
        "once it can be listed again, a real delete is seen");
  }

  @Test
  void aFileThatCannotBeReadIsLeftAsItWasAndTheOthersAreScanned() throws IOException {
    write("a.txt", "a");
    write("b.txt", "b");
    commit(scanner.scan(ScanProgress.NONE));
    write("a.txt", "a, edited");
    write("b.txt", "b, edited");
    write("new.txt", "new");

    FolderScanner refused = refusing(Set.of(), Set.of("a.txt", "new.txt"));
    assertEquals(List.of("b.txt"), refused.scan(ScanProgress.NONE).stream().map(LocalChange::path).toList(),
        "neither failure stops the scan, and neither file is published as anything");
    assertEquals(List.of("a.txt", "b.txt", "new.txt"),
        scanner.scan(ScanProgress.NONE).stream().map(LocalChange::path).toList(),
        "once they can be read, they are");
  }
}
