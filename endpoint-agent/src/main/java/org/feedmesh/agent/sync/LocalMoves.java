package org.feedmesh.agent.sync;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.feedmesh.agent.blocks.FileHasher;
import org.feedmesh.agent.index.AgentIndex;
import org.feedmesh.feedsync.fm.FileKind;
import org.feedmesh.feedsync.fm.FileMeta;

/**
 * Finds the local file a version's content can be renamed from instead of copied: a rename
 * elsewhere is a delete and a create of the same blob, and the receiving agent renames its own
 * file (see {@link #find}).
 */
final class LocalMoves {
  private final AgentIndex index;
  private final LocalBlocks local;

  LocalMoves(AgentIndex index, LocalBlocks local) {
    this.index = index;
    this.local = local;
  }

  /** Where the versions folder's files are in the block index. */
  static final String VERSIONS = SafePaths.STATE_DIR + "/versions/";

  /**
   * A file on disk that holds exactly {@code want}'s content and may be renamed into place instead
   * of copied, or null. That is a file this batch deletes with the same blob id, still as the index
   * knows it (another endpoint renamed it: the delete and the create arrive together), or else a
   * kept version with the same blocks whose hash is checked here (the delete came in an earlier
   * batch and put the file away). Either way the disk holds the content once.
   */
  Move find(FileMeta want, Map<String, Deque<Move>> deleted, Set<Path> taken, Set<String> here)
      throws IOException {
    Deque<Move> renamed = deleted.get(want.blobId());
    while (renamed != null && !renamed.isEmpty()) {
      Move m = renamed.poll();
      if (m.seen().size() == want.size() && taken.add(m.source())) {
        return m;
      }
    }
    if (want.blocks().isEmpty() || !want.blocks().stream().allMatch(b -> here.contains(b.hash()))) {
      return null; // one probe for the whole batch already said: not all of it is here
    }
    for (String kept : index.storedCopies(VERSIONS, want.blocks())) {
      Optional<Path> file = local.file(kept);
      if (file.isEmpty() || taken.contains(file.get())) {
        continue;
      }
      try {
        Optional<DiskState> seen = DiskState.of(file.get());
        if (seen.isPresent() && seen.get().size() == want.size()
            && FileHasher.sha256(file.get()).equals(want.blobId())) {
          taken.add(file.get());
          return new Move(file.get(), seen.get(), kept, null);
        }
      } catch (IOException e) {
        // gone or unreadable since it was kept: not a candidate
      }
    }
    return null;
  }

  /** The files this batch deletes that are still on disk as the index knows them, by blob id. */
  static Map<String, Deque<Move>> deletedFiles(List<SyncEngine.Work> work) throws IOException {
    Map<String, Deque<Move>> out = new HashMap<>();
    for (SyncEngine.Work d : work) {
      FileMeta had = d.before() == null ? null : d.before().local();
      if (!SyncEngine.isDelete(d.item()) || had == null || had.kind() != FileKind.FILE || had.blocks().isEmpty()) {
        continue;
      }
      Optional<DiskState> disk = DiskState.of(d.target());
      if (disk.isPresent() && disk.get().matches(had)) {
        out.computeIfAbsent(had.blobId(), k -> new ArrayDeque<>()).add(new Move(d.target(), disk.get(), null, d));
      }
    }
    return out;
  }

  /**
   * A whole local file to rename into place: {@code source}, as it was when chosen ({@code seen});
   * {@code keptAt} when it is a kept version (its index location), {@code delete} when this
   * batch's delete of it is what makes it free.
   */
  record Move(Path source, DiskState seen, String keptAt, SyncEngine.Work delete) {}
}
