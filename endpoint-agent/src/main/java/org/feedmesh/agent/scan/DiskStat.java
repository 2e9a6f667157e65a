package org.feedmesh.agent.scan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.Objects;
import org.feedmesh.feedsync.fm.FileKind;

/**
 * One {@code lstat} of a path (symlinks not followed): kind, size, full-precision mtime, POSIX
 * permission bits and the file key (device + inode), enough to tell whether a file changed.
 * {@code kind} is null for what we do not sync (devices, pipes, sockets).
 */
public record DiskStat(FileKind kind, long size, Instant mtime, int mode, Object fileKey) {

  public static DiskStat of(Path p) throws IOException {
    BasicFileAttributes a;
    int mode;
    try {
      PosixFileAttributes posix =
          Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      a = posix;
      mode = 0;
      for (PosixFilePermission perm : posix.permissions()) {
        mode |= 1 << (8 - perm.ordinal()); // OWNER_READ is ordinal 0 = 0400 ... OTHERS_EXECUTE = 01
      }
    } catch (UnsupportedOperationException e) {
      a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      mode = a.isDirectory() ? 0755 : 0644;
    }
    FileKind kind = a.isSymbolicLink() ? FileKind.SYMLINK
        : a.isDirectory() ? FileKind.DIR
        : a.isRegularFile() ? FileKind.FILE
        : null;
    return new DiskStat(kind, a.size(), a.lastModifiedTime().toInstant(), mode, a.fileKey());
  }

  /** Same content as far as a stat can tell: same inode, size and mtime to the nanosecond. */
  boolean sameContentAs(DiskStat o) {
    return kind == o.kind && size == o.size && mtime.equals(o.mtime) && Objects.equals(fileKey, o.fileKey);
  }
}
