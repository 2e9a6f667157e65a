package org.feedmesh.agent.sync;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import org.feedmesh.agent.index.AgentIndex;
import org.feedmesh.agent.index.IndexEntry;
import org.feedmesh.feedsync.Item;
import org.feedmesh.feedsync.fm.FileKind;
import org.feedmesh.feedsync.fm.FileMeta;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts one item version on disk: a file whose content is ready in its {@link TempFile} is renamed
 * into place (the file it replaces goes to the versions folder first), a directory is created, a
 * symlink made, a delete moves the file to the versions folder. Every write first re-checks that no
 * parent on the way is a symlink. Records the new disk state in the index.
 */
final class Applier {
  private static final Logger log = LoggerFactory.getLogger(Applier.class);

  private final SafePaths paths;
  private final AgentIndex index;
  private final Versions versions;

  Applier(SafePaths paths, AgentIndex index, Versions versions) {
    this.paths = paths;
    this.index = index;
    this.versions = versions;
  }

  /** Whether the disk already shows {@code item}'s content at {@code target}. */
  static boolean contentMatches(Item item, FileMeta local, Optional<DiskState> disk) {
    FileMeta want = item.payload().file();
    if (item.isDeleted() || want == null) {
      return disk.isEmpty();
    }
    if (disk.isEmpty() || disk.get().kind() != want.kind()) {
      return false;
    }
    return switch (want.kind()) {
      case FILE -> local != null && want.blobId().equals(local.blobId()) && disk.get().matches(local);
      case DIR -> true;
      case SYMLINK -> local != null && want.target().equals(local.target());
    };
  }

  /** Installs a file version whose verified content is in {@code temp}. */
  void installFile(Item item, Path target, TempFile temp, IndexEntry before) throws IOException {
    FileMeta want = item.payload().file();
    temp.finish();
    temp.close();
    paths.createParents(target);
    keepReplaced(want.path(), target, before);
    DiskState.setMeta(temp.path(), want.mode(), want.mtime());
    Files.move(temp.path(), target, StandardCopyOption.ATOMIC_MOVE);
    dirsToSync.add(target.getParent());
    if (want.blocks().size() > 1) { // only partly downloaded files list their blocks as stored
      index.removeStoredBlocks(paths.relative(temp.path()));
    }
    record(item, target, want);
  }

  /**
   * Installs a file version by renaming {@code source}, a local file that holds exactly its content
   * (the file another endpoint renamed, or a kept version of it): no byte is copied and the disk
   * holds the content once. What {@code target} held goes to the versions folder as usual.
   */
  void installByMove(Item item, Path source, Path target, IndexEntry before) throws IOException {
    FileMeta want = item.payload().file();
    paths.checkParents(source);
    paths.createParents(target);
    // On a case-insensitive file system a case-only rename names the same file twice: nothing to keep.
    if (!(Files.exists(target, LinkOption.NOFOLLOW_LINKS) && Files.isSameFile(source, target))) {
      keepReplaced(want.path(), target, before);
    }
    Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
    dirsToSync.add(target.getParent());
    DiskState.setMeta(target, want.mode(), want.mtime());
    record(item, target, want);
  }

  /**
   * Records that {@code path} is gone as {@code item} (a delete) says: after {@link #delete}, or
   * when {@link #installByMove} already took its file to a new path.
   */
  void recordGone(Item item, String path) {
    index.put(new IndexEntry(path, null, ItemXml.write(item), false));
  }

  /** Only mtime/mode differ: the content is already there. */
  void touch(Item item, Path target, FileMeta local) throws IOException {
    FileMeta want = item.payload().file();
    if (want.kind() == FileKind.FILE || want.kind() == FileKind.DIR) {
      DiskState.setMeta(target, want.mode(), want.mtime());
    }
    record(item, target, want.kind() == FileKind.FILE ? want : local == null ? want : local);
  }

  void makeDirectory(Item item, Path target, IndexEntry before) throws IOException {
    FileMeta want = item.payload().file();
    paths.createParents(target);
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
      keepReplaced(want.path(), target, before);
    }
    Files.createDirectories(target);
    DiskState.setMeta(target, want.mode(), want.mtime());
    record(item, target, want);
  }

  void makeSymlink(Item item, Path target, IndexEntry before) throws IOException {
    FileMeta want = item.payload().file();
    paths.createParents(target);
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      keepReplaced(want.path(), target, before);
    }
    Files.createSymbolicLink(target, Paths.get(want.target()));
    record(item, target, want);
  }

  /**
   * Applies a delete: a file or symlink goes to the versions folder, an empty directory is
   * removed. A directory that still holds files stays (they are not synced, or not yet deleted);
   * its delete is recorded, so that it goes once its last file has (see {@link #removeIfEmptied}).
   */
  void delete(Item item, String path, Path target, IndexEntry before) throws IOException {
    Optional<DiskState> disk = DiskState.of(target);
    if (disk.isPresent()) {
      paths.checkParents(target);
      if (disk.get().kind() == FileKind.DIR) {
        try {
          Files.delete(target);
        } catch (DirectoryNotEmptyException e) {
          FileMeta stays = FileMeta.dir(path, disk.get().mtime(), disk.get().mode());
          index.put(new IndexEntry(path, stays, ItemXml.write(item), false));
          throw new DirectoryKept(path);
        }
      } else {
        keepReplaced(path, target, before);
      }
    }
    recordGone(item, path);
  }

  /**
   * Removes directory {@code path} when the feed has deleted it but it was kept because it was not
   * empty then, and it is empty now (its files' deletes came in a later batch). Returns the
   * deleted item when it did.
   */
  Optional<Item> removeIfEmptied(String path) throws IOException {
    Optional<IndexEntry> entry = index.get(path);
    FileMeta local = entry.map(IndexEntry::local).orElse(null);
    if (local == null || local.kind() != FileKind.DIR || entry.get().itemXml() == null) {
      return Optional.empty();
    }
    Item item = ItemXml.parse(entry.get().itemXml());
    if (!item.isDeleted()) {
      return Optional.empty();
    }
    Path target = paths.resolve(path);
    Optional<DiskState> disk = DiskState.of(target);
    if (disk.isPresent()) {
      if (disk.get().kind() != FileKind.DIR) {
        return Optional.empty();
      }
      paths.checkParents(target);
      try {
        Files.delete(target);
      } catch (DirectoryNotEmptyException e) {
        return Optional.empty();
      }
    }
    index.put(new IndexEntry(path, null, entry.get().itemXml(), false));
    return Optional.of(item);
  }

  /**
   * A directory still holds files where a file or symlink is to go: its files' deletes may still be
   * on their way (a later batch), so the version is tried again.
   */
  static final class DirectoryInTheWay extends IOException {
    DirectoryInTheWay(String path) {
      super("directory " + path + " is in the way and still holds files; will retry");
    }
  }

  /** A deleted directory that still holds files stays for now; its delete is recorded. */
  static final class DirectoryKept extends IOException {
    DirectoryKept(String path) {
      super("directory " + path + " still holds files; it goes once they have");
    }
  }

  /** Moves what is at {@code target} to the versions folder, keeping its blocks findable. */
  private void keepReplaced(String path, Path target, IndexEntry before) throws IOException {
    if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
      try {
        Files.delete(target);
      } catch (DirectoryNotEmptyException e) {
        throw new DirectoryInTheWay(path);
      }
      return;
    }
    String kept = versions.keep(path, target);
    FileMeta local = before == null ? null : before.local();
    if (local != null && local.kind() == FileKind.FILE && !local.blocks().isEmpty()) {
      index.replaceStoredBlocks(kept, local.blocks());
    }
    log.debug("kept the replaced {} as {}", path, kept);
  }

  private void record(Item item, Path target, FileMeta want) throws IOException {
    Optional<DiskState> now = DiskState.of(target);
    FileMeta local = want;
    if (now.isPresent() && want.kind() == FileKind.FILE) {
      DiskState d = now.get();
      local = new FileMeta(want.path(), FileKind.FILE, d.size(), d.mtime(), d.mode(), want.blobId(), want.blocks(), null);
    } else if (now.isPresent() && want.kind() == FileKind.DIR) {
      local = FileMeta.dir(want.path(), now.get().mtime(), now.get().mode());
    }
    index.put(new IndexEntry(want.path(), local, ItemXml.write(item), false));
  }

  private final java.util.Set<Path> dirsToSync = new java.util.LinkedHashSet<>();

  /**
   * Makes the renames since the last call durable: one fsync per directory that got new names
   * (not one per file). Called before the index records them.
   */
  void syncDirectories() {
    dirsToSync.forEach(Applier::syncDirectory);
    dirsToSync.clear();
  }

  /** Makes a rename durable: fsync of the directory that holds the new name. */
  static void syncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // some file systems cannot fsync a directory; the rename itself is atomic
    }
  }
}
