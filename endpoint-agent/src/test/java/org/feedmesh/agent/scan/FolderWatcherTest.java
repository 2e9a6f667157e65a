package org.feedmesh.agent.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderWatcherTest {
  @TempDir Path folder;
  final List<Set<String>> batches = new CopyOnWriteArrayList<>();
  final Set<String> seen = ConcurrentHashMap.newKeySet();
  final AtomicInteger overflows = new AtomicInteger();
  final Set<String> lostDirs = java.util.concurrent.ConcurrentHashMap.newKeySet();
  FolderWatcher watcher;

  private FolderWatcher start(IgnoreRules rules) {
    watcher = new FolderWatcher(folder, rules, FolderWatcher.DEFAULT_DEBOUNCE, batch -> {
      batches.add(batch);
      seen.addAll(batch);
    }, dirs -> {
      lostDirs.addAll(dirs);
      overflows.incrementAndGet();
    });
    watcher.start();
    return watcher;
  }

  @AfterEach
  void stop() {
    if (watcher != null) {
      watcher.close();
    }
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
      Thread.sleep(20);
    }
  }

  @Test
  void createdModifiedAndDeletedFilesAreReportedAsRelativePaths() throws Exception {
    Files.writeString(folder.resolve("old.txt"), "old");
    Files.createDirectory(folder.resolve("sub"));
    start(IgnoreRules.NONE);
    Files.writeString(folder.resolve("new file.txt"), "x");
    Files.writeString(folder.resolve("sub/in sub.txt"), "y");
    Files.delete(folder.resolve("old.txt"));
    await("three paths", () -> seen.containsAll(Set.of("new file.txt", "sub/in sub.txt", "old.txt")));
  }

  @Test
  void directoriesCreatedLaterAreWatchedAndWhatWasInsideIsReported() throws Exception {
    start(IgnoreRules.NONE);
    Files.createDirectories(folder.resolve("a/b/c"));
    Files.writeString(folder.resolve("a/b/c/early.txt"), "written before registration, maybe");
    await("the new tree", () -> seen.containsAll(Set.of("a", "a/b/c/early.txt")));
    Files.writeString(folder.resolve("a/b/c/late.txt"), "written after");
    await("a file in the new directory", () -> seen.contains("a/b/c/late.txt"));
  }

  @Test
  void aBurstOfChangesIsDeliveredInFewBatches() throws Exception {
    start(IgnoreRules.NONE);
    for (int i = 0; i < 100; i++) {
      Files.writeString(folder.resolve("f" + i), "x");
    }
    await("all hundred files", () -> seen.size() == 100);
    assertTrue(batches.size() < 20, "batches: " + batches.size());
  }

  @Test
  void ignoredPathsAreNotReported() throws Exception {
    start(IgnoreRules.parse(List.of("*.log", "build/")));
    Files.createDirectories(folder.resolve(".feedmesh/versions"));
    Files.writeString(folder.resolve(".feedmesh/versions/x"), "x");
    Files.writeString(folder.resolve("a.log"), "x");
    Files.writeString(folder.resolve("doc.txt.feedmesh-tmp"), "x");
    Files.createDirectories(folder.resolve("build"));
    Files.writeString(folder.resolve("build/out.o"), "x");
    Files.writeString(folder.resolve("last.txt"), "x");
    await("last.txt", () -> seen.contains("last.txt"));
    assertTrue(Set.of("last.txt").containsAll(seen), "reported: " + seen);
  }

  @Test
  void lostEventsNameTheDirectoryWhoseEventsWereLost() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    watcher = new FolderWatcher(folder, IgnoreRules.NONE, Duration.ofMillis(50), batch -> {
      seen.addAll(batch);
      awaitQuietly(release); // the watcher thread is stuck while the kernel's events pile up
    }, dirs -> {
      lostDirs.addAll(dirs);
      overflows.incrementAndGet();
    });
    watcher.start();
    Files.createDirectories(folder.resolve("many"));
    Files.writeString(folder.resolve("first"), "x");
    await("the first batch", () -> seen.contains("first") && seen.contains("many"));
    for (int i = 0; i < 2000; i++) {
      Files.writeString(folder.resolve("many/m" + i), "x");
    }
    release.countDown();
    await("the overflow callback", () -> overflows.get() > 0);
    assertEquals(Set.of("many"), lostDirs, "only the directory that overflowed is to be scanned");
  }

  @Test
  void aNonPositiveDebounceIsRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> new FolderWatcher(folder, IgnoreRules.NONE, Duration.ZERO, b -> {}, b -> {}));
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }


  @Test
  void aDirectoryTheKernelWillNotWatchIsLeftToTheRescanAndTheRestIsWatched() throws Exception {
    Files.createDirectories(folder.resolve("huge/deep"));
    Files.createDirectories(folder.resolve("small"));
    Path huge = folder.resolve("huge");
    watcher = new FolderWatcher(folder, IgnoreRules.NONE, FolderWatcher.DEFAULT_DEBOUNCE, seen::addAll,
        lostDirs::addAll, (dir, service) -> {
          if (dir.startsWith(huge)) {
            throw new java.io.IOException("User limit of inotify watches reached");
          }
          return dir.register(service, java.nio.file.StandardWatchEventKinds.ENTRY_CREATE,
              java.nio.file.StandardWatchEventKinds.ENTRY_DELETE, java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY);
        });
    watcher.start(); // starts all the same
    assertEquals(2, watcher.unwatchedCount(), "huge and huge/deep");

    Files.writeString(folder.resolve("huge/deep/unseen.txt"), "x");
    Files.writeString(folder.resolve("small/seen.txt"), "y");
    await("the watched directory's change", () -> seen.contains("small/seen.txt"));
    assertFalse(seen.contains("huge/deep/unseen.txt"), "that one is for the periodic rescan");
  }
}
