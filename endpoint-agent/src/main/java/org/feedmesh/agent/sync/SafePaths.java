package org.feedmesh.agent.sync;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import org.feedmesh.feedsync.InvalidFeedSyncException;
import org.feedmesh.feedsync.fm.RelativePath;

/**
 * Turns a path from the feed into a place inside the synced folder, or refuses it. A feed path is
 * refused when it is absolute, has {@code ..}, {@code .} or empty segments, NUL or control
 * characters ({@link RelativePath}), names the agent's own {@code .feedmesh/} folder or its
 * temporary files, or when any of its parent directories on disk is a symlink or not a directory
 * (so writing there would leave the folder).
 */
public final class SafePaths {
  public static final String STATE_DIR = ".feedmesh";
  public static final String TEMP_PREFIX = ".feedmesh-tmp-";

  private final Path folder;

  public SafePaths(Path folder) {
    this.folder = Objects.requireNonNull(folder, "folder").toAbsolutePath().normalize();
  }

  public Path folder() {
    return folder;
  }

  /** The on-disk place of {@code feedPath}; never outside the folder. */
  public Path resolve(String feedPath) throws UnsafePathException {
    String p;
    try {
      p = RelativePath.normalize(feedPath);
    } catch (InvalidFeedSyncException | IllegalArgumentException e) {
      throw new UnsafePathException(feedPath, e.getMessage());
    }
    String first = p.split("/", 2)[0];
    if (first.toLowerCase(Locale.ROOT).equals(STATE_DIR)) {
      throw new UnsafePathException(p, "it names the agent's own " + STATE_DIR + "/ folder");
    }
    String name = p.substring(p.lastIndexOf('/') + 1);
    if (name.startsWith(TEMP_PREFIX)) {
      throw new UnsafePathException(p, "it names one of the agent's temporary files");
    }
    Path target = folder.resolve(p).normalize();
    if (!target.startsWith(folder) || target.equals(folder)) {
      throw new UnsafePathException(p, "it leaves the folder");
    }
    return target;
  }

  /**
   * Refuses when a parent directory of {@code target} (below the folder) exists but is a symlink
   * or not a directory. Checked right before every write.
   */
  public void checkParents(Path target) throws UnsafePathException {
    Path rel = folder.relativize(target);
    Path dir = folder;
    for (int i = 0; i < rel.getNameCount() - 1; i++) {
      dir = dir.resolve(rel.getName(i));
      if (Files.isSymbolicLink(dir)) {
        throw new UnsafePathException(rel.toString(), dir.getFileName() + " on the way is a symlink");
      }
      if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
        throw new UnsafePathException(rel.toString(), dir.getFileName() + " on the way is not a directory");
      }
    }
  }

  /** Creates the parents of {@code target} safely (each checked not to be a symlink). */
  public void createParents(Path target) throws IOException {
    checkParents(target);
    Path parent = target.getParent();
    if (!Files.isDirectory(parent, LinkOption.NOFOLLOW_LINKS)) {
      Files.createDirectories(parent);
      checkParents(target);
    }
  }

  /** A path relative to the folder, '/'-separated (for the index and the feed). */
  public String relative(Path p) {
    return folder.relativize(p.toAbsolutePath().normalize()).toString().replace('\\', '/');
  }

  /** Thrown for a feed path that must not be written. */
  public static final class UnsafePathException extends IOException {
    public UnsafePathException(String path, String why) {
      super("refused path " + show(path) + ": " + why);
    }

    private static String show(String path) {
      return path == null ? "null" : "\"" + path.replace("\0", "\\0") + "\"";
    }
  }
}
