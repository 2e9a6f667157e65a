package org.feedmesh.agent.sync;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.feedmesh.feedsync.Rfc3339;
import org.feedmesh.feedsync.fm.FileKind;
import org.feedmesh.feedsync.fm.FileMeta;
import org.feedmesh.agent.scan.DiskStat;

/** What is at a path on disk right now (never following symlinks), in the index's terms. */
public record DiskState(FileKind kind, long size, Instant mtime, int mode) {

  /**
   * What is at {@code p} (one {@code lstat}, see {@link DiskStat}), or empty when nothing is: also
   * when a parent on the way is a file (a directory in the feed that takes a file's place).
   */
  public static Optional<DiskState> of(Path p) throws IOException {
    DiskStat s;
    try {
      s = DiskStat.of(p);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (FileSystemException e) {
      if (underANonDirectory(p)) {
        return Optional.empty();
      }
      throw e;
    }
    // devices, pipes and sockets count as files: never "already there", so they get replaced
    FileKind kind = s.kind() == null ? FileKind.FILE : s.kind();
    return Optional.of(new DiskState(kind, kind == FileKind.FILE ? s.size() : 0,
        Rfc3339.normalize(s.mtime()), kind == FileKind.SYMLINK ? 0777 : s.mode()));
  }

  /** Whether the nearest existing parent of {@code p} is something other than a directory. */
  private static boolean underANonDirectory(Path p) {
    for (Path parent = p.getParent(); parent != null; parent = parent.getParent()) {
      if (Files.exists(parent, LinkOption.NOFOLLOW_LINKS)) {
        return !Files.isDirectory(parent, LinkOption.NOFOLLOW_LINKS);
      }
    }
    return false;
  }

  /** Whether the index's idea of this path ({@code local}) still describes the disk. */
  public boolean matches(FileMeta local) {
    if (local == null || local.kind() != kind) {
      return false;
    }
    return switch (kind) {
      case FILE -> local.size() == size && local.mtime().equals(mtime) && local.mode() == mode;
      case DIR -> true;
      case SYMLINK -> true;
    };
  }

  public static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> s = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] order = {
      PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
      PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
      PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ
    };
    for (int i = 0; i < order.length; i++) {
      if ((mode & (1 << i)) != 0) {
        s.add(order[i]);
      }
    }
    return s;
  }

  /** Sets mode (permission bits) and mtime; a file system without POSIX modes keeps its own. */
  public static void setMeta(Path p, int mode, Instant mtime) throws IOException {
    try {
      Files.setPosixFilePermissions(p, permissions(mode & 0777));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system
    }
    Files.setLastModifiedTime(p, FileTime.from(mtime));
  }
}
