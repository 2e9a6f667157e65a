package org.feedmesh.agent.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AbandonedTempFilesTest {
  @TempDir Path tmp;

  @Test
  void onlyTemporaryFilesUntouchedForADayGoAndNeverThroughASymlinkOrInTheStateFolder() throws IOException {
    Path folder = Files.createDirectories(tmp.resolve("folder"));
    Instant now = Instant.parse("2026-11-22T10:00:00Z");
    Path abandoned = old(folder.resolve("a/.feedmesh-tmp-0123456789abcdef01234567"), now);
    Path downloading = write(folder.resolve("b/.feedmesh-tmp-89abcdef0123456789abcdef"));
    Files.setLastModifiedTime(downloading, FileTime.from(now.minus(Duration.ofHours(2))));
    Path ordinary = old(folder.resolve("a/notes.txt"), now);
    Path ownState = old(folder.resolve(".feedmesh/versions/.feedmesh-tmp-00000000"), now);
    Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
    Path beyondLink = old(elsewhere.resolve(".feedmesh-tmp-11111111"), now);
    Files.createSymbolicLink(folder.resolve("link"), elsewhere);

    List<String> removed = new ArrayList<>();
    int count = AbandonedTempFiles.sweep(folder, now.minus(Duration.ofDays(1)), removed::add);

    assertEquals(1, count);
    assertEquals(List.of("a/.feedmesh-tmp-0123456789abcdef01234567"), removed);
    assertFalse(Files.exists(abandoned));
    assertTrue(Files.exists(downloading), "written to two hours ago: still downloading");
    assertTrue(Files.exists(ordinary));
    assertTrue(Files.exists(ownState));
    assertTrue(Files.exists(beyondLink), "a symlink is never followed");
  }

  private static Path write(Path p) throws IOException {
    Files.createDirectories(p.getParent());
    return Files.writeString(p, "partial");
  }

  private static Path old(Path p, Instant now) throws IOException {
    write(p);
    Files.setLastModifiedTime(p, FileTime.from(now.minus(Duration.ofDays(3))));
    return p;
  }
}
