package org.feedmesh.agent.sync;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.feedmesh.feedsync.Rfc3339;
import org.feedmesh.feedsync.fm.FileKind;
import org.feedmesh.feedsync.fm.FileMeta;

/** What is at a path on disk right now (never following symlinks), in the index's terms. */
public record DiskState(FileKind kind, long size, Instant mtime, int mode) {

  public static Optional<DiskState> of(Path p) throws IOException {
    PosixFileAttributes a;
    try {
      a = Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (UnsupportedOperationException e) {
      var b = Files.readAttributes(p, java.nio.file.attribute.BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      return Optional.of(new DiskState(kindOf(b), b.isRegularFile() ? b.size() : 0,
          Rfc3339.normalize(b.lastModifiedTime().toInstant()), b.isDirectory() ? 0755 : 0644));
    }
    FileKind kind = kindOf(a);
    int mode = kind == FileKind.SYMLINK ? 0777 : modeOf(a.permissions());
    return Optional.of(new DiskState(kind, kind == FileKind.FILE ? a.size() : 0,
        Rfc3339.normalize(a.lastModifiedTime().toInstant()), mode));
  }

  private static FileKind kindOf(java.nio.file.attribute.BasicFileAttributes a) {
    if (a.isSymbolicLink()) {
      return FileKind.SYMLINK;
    }
    return a.isDirectory() ? FileKind.DIR : FileKind.FILE;
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

  public static int modeOf(Set<PosixFilePermission> perms) {
    int m = 0;
    for (PosixFilePermission p : perms) {
      m |= switch (p) {
        case OWNER_READ -> 0400;
        case OWNER_WRITE -> 0200;
        case OWNER_EXECUTE -> 0100;
        case GROUP_READ -> 040;
        case GROUP_WRITE -> 020;
        case GROUP_EXECUTE -> 010;
        case OTHERS_READ -> 04;
        case OTHERS_WRITE -> 02;
        case OTHERS_EXECUTE -> 01;
      };
    }
    return m;
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
