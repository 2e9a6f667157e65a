package org.feedmesh.feedsync.fm;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.feedmesh.feedsync.InvalidFeedSyncException;
import org.feedmesh.feedsync.Rfc3339;

/**
 * FeedMesh's {@code fm:file} payload: one file, directory or symlink of a shared folder.
 *
 * <p>Checked here: the path is safe ({@link RelativePath}); a file names its blob (the SHA-256 of
 * its content) and a block list that covers {@code [0, size)} exactly, in order, without gaps or
 * overlaps; a directory has no size, blob or blocks; a symlink has a target and no blob.
 */
public record FileMeta(
    String path,
    FileKind kind,
    long size,
    Instant mtime,
    int mode,
    String blobId,
    List<Block> blocks,
    String target) {

  /** Most blocks one file may list (at the 64 MiB..16 MiB block sizes, many terabytes). */
  public static final int MAX_BLOCKS = 1_000_000;

  public FileMeta {
    path = RelativePath.normalize(path);
    Objects.requireNonNull(kind, "kind");
    mtime = Rfc3339.normalize(mtime);
    if (mode < 0 || mode > 07777) {
      throw new InvalidFeedSyncException("fm:file mode must be in 0..07777, got " + mode);
    }
    blocks = blocks == null ? List.of() : List.copyOf(blocks);
    switch (kind) {
      case FILE -> checkFile(path, size, blobId, blocks, target);
      case DIR -> {
        if (size != 0 || blobId != null || !blocks.isEmpty() || target != null) {
          throw new InvalidFeedSyncException("directory " + path + " cannot have size, blob, blocks or target");
        }
      }
      case SYMLINK -> {
        if (target == null || target.isEmpty() || target.indexOf('\0') >= 0) {
          throw new InvalidFeedSyncException("symlink " + path + " needs a target without NUL");
        }
        if (blobId != null || !blocks.isEmpty()) {
          throw new InvalidFeedSyncException("symlink " + path + " cannot have a blob or blocks");
        }
      }
    }
  }

  public static FileMeta file(String path, long size, Instant mtime, int mode, String blobId, List<Block> blocks) {
    return new FileMeta(path, FileKind.FILE, size, mtime, mode, blobId, blocks, null);
  }

  public static FileMeta dir(String path, Instant mtime, int mode) {
    return new FileMeta(path, FileKind.DIR, 0, mtime, mode, null, List.of(), null);
  }

  public static FileMeta symlink(String path, Instant mtime, String target) {
    return new FileMeta(path, FileKind.SYMLINK, 0, mtime, 0777, null, List.of(), target);
  }

  /**
   * Whether {@code other} leaves the same thing on disk: the same kind, blob and symlink target
   * (path, size aside, mode and mtime are not content).
   */
  public boolean sameContentAs(FileMeta other) {
    return other != null && kind == other.kind && Objects.equals(blobId, other.blobId)
        && Objects.equals(target, other.target);
  }

  /**
   * The {@code sx:sync/@id} of the item at {@code path} in {@code namespace}: the same on every
   * endpoint, so two endpoints creating one path concurrently make one item and FeedSync sees the
   * conflict. Hex SHA-256 of {@code namespace + "\n" + NFC path}.
   */
  public static String itemId(String namespace, String path) {
    return Sha256.hex(namespace + "\n" + RelativePath.normalize(path));
  }

  private static void checkFile(String path, long size, String blobId, List<Block> blocks, String target) {
    if (size < 0) {
      throw new InvalidFeedSyncException("file " + path + " has negative size " + size);
    }
    Sha256.require("fm:file blob id of " + path, blobId);
    if (target != null) {
      throw new InvalidFeedSyncException("file " + path + " cannot have a symlink target");
    }
    if (blocks.size() > MAX_BLOCKS) {
      throw new InvalidFeedSyncException("file " + path + " lists " + blocks.size()
          + " blocks, more than " + MAX_BLOCKS);
    }
    long expected = 0;
    for (Block b : blocks) {
      if (b.offset() != expected) {
        throw new InvalidFeedSyncException("file " + path + ": block at offset " + b.offset()
            + " should start at " + expected + " (blocks must be in order, without gaps or overlaps)");
      }
      expected = b.end();
    }
    if (expected != size) {
      throw new InvalidFeedSyncException("file " + path + ": blocks cover " + expected
          + " bytes but size is " + size);
    }
  }
}
