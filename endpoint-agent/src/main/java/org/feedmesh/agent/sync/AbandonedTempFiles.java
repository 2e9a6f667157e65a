package org.feedmesh.agent.sync;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Removes temporary files ({@code .feedmesh-tmp-…}) that no download has written to for a day: a
 * version that was replaced or deleted while it downloaded, or whose peers never came back, leaves
 * its partial file behind, and nothing else would ever remove it. A download still going writes to
 * its file, and one that starts again later simply fetches what it needs.
 */
public final class AbandonedTempFiles {
  private AbandonedTempFiles() {}

  /**
   * Deletes the temporary files in {@code folder} (not below its {@code .feedmesh/}, never through
   * a symlink) last written before {@code cutoff}; {@code removed} hears each one's location
   * relative to the folder, so the block index can forget its blocks. Returns how many went.
   */
  public static int sweep(Path folder, Instant cutoff, Consumer<String> removed) throws IOException {
    Path root = folder.toAbsolutePath().normalize();
    Path state = root.resolve(SafePaths.STATE_DIR);
    int[] count = {0};
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes a) {
        return dir.equals(state) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
        if (a.isRegularFile()
            && f.getFileName().toString().startsWith(SafePaths.TEMP_PREFIX)
            && a.lastModifiedTime().toInstant().isBefore(cutoff)) {
          Files.deleteIfExists(f);
          removed.accept(root.relativize(f).toString().replace('\\', '/'));
          count[0]++;
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path f, IOException e) {
        return FileVisitResult.CONTINUE; // vanished or unreadable: not ours to worry about here
      }
    });
    return count[0];
  }
}
