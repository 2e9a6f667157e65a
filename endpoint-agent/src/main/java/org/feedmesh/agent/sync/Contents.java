package org.feedmesh.agent.sync;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.feedmesh.agent.index.AgentIndex;
import org.feedmesh.agent.sync.LocalMoves.Move;
import org.feedmesh.agent.sync.SyncEngine.Work;
import org.feedmesh.feedsync.fm.Block;
import org.feedmesh.feedsync.fm.FileKind;
import org.feedmesh.feedsync.fm.FileMeta;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets the content of a batch's file versions ready before anything is applied (the plan, copy
 * local and pull stages): nothing for a file the disk already has, a rename for a file another
 * path here holds whole ({@link LocalMoves}), else a temporary file filled with the blocks found on
 * this disk and then with those fetched from peers ({@link RemoteBlocks}), fsynced and checked as
 * soon as its last block lands ({@link Finisher}).
 *
 * <p>Used by the sync thread only; {@link #close()} stops the finishing threads.
 */
final class Contents implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Contents.class);

  private final String namespace;
  private final AgentIndex index;
  private final SafePaths paths;
  private final LocalBlocks local;
  private final LocalMoves localMoves;
  private final RemoteBlocks remote;
  private final Transfers transfers;
  private final RemoteBlocks.Landed landed;
  private final Finisher finisher = new Finisher();

  Contents(String namespace, AgentIndex index, SafePaths paths, LocalBlocks local, RemoteBlocks remote,
      Transfers transfers, RemoteBlocks.Landed landed) {
    this.namespace = namespace;
    this.index = index;
    this.paths = paths;
    this.local = local;
    this.localMoves = new LocalMoves(index, local);
    this.remote = remote;
    this.transfers = transfers;
    this.landed = landed;
  }

  /**
   * Opens a temporary file for each file version that needs content and fills it; a version whose
   * content is here as a whole file (see {@link LocalMoves#find}) goes to {@code moves} instead.
   */
  Map<Work, TempFile> ready(List<Work> work, long cursor, Map<Work, Move> moves) throws IOException {
    Map<Work, TempFile> out = new LinkedHashMap<>();
    List<TempFile> needRemote = new ArrayList<>();
    List<String> wantedHashes = new ArrayList<>();
    for (Work w : work) {
      FileMeta want = w.item().isDeleted() ? null : w.item().payload().file();
      if (want != null && want.kind() == FileKind.FILE) {
        want.blocks().forEach(b -> wantedHashes.add(b.hash()));
      }
    }
    Set<String> here = index.knownBlocks(wantedHashes); // one probe, not one query per block
    Map<String, Deque<Move>> deleted = LocalMoves.deletedFiles(work);
    Set<Path> taken = new HashSet<>();
    for (Work w : work) {
      FileMeta want = w.item().isDeleted() ? null : w.item().payload().file();
      if (want == null || want.kind() != FileKind.FILE) {
        continue;
      }
      try {
        prepare(w, want, here, deleted, taken, moves, out, needRemote);
      } catch (IOException e) {
        // applying it says why; the others' content is not held up
        log.debug("could not prepare the content of {}: {}", w.path(), e.getMessage());
      }
    }
    Finisher.Batch finishing = finisher.batch();
    for (TempFile t : out.values()) {
      if (t.complete()) {
        finishing.start(t); // all blocks were here already
      }
    }
    if (!needRemote.isEmpty()) {
      transfers.add(remote.fetch(namespace, cursor, needRemote, (file, index) -> {
        landed.landed(file, index);
        if (file.complete()) {
          finishing.start(file);
        }
      }));
    }
    finishing.await();
    return out;
  }

  /**
   * Gets one file version's content ready: nothing when the disk already has it, a move when a
   * whole local file holds it (see {@link LocalMoves#find}), else a temporary file filled with the
   * blocks found here ({@code needRemote} when some must come from peers).
   */
  private void prepare(Work w, FileMeta want, Set<String> here, Map<String, Deque<Move>> deleted,
      Set<Path> taken, Map<Work, Move> moves, Map<Work, TempFile> out, List<TempFile> needRemote)
      throws IOException {
    FileMeta local = w.before() == null ? null : w.before().local();
    if (Applier.contentMatches(w.item(), local, DiskState.of(w.target()))) {
      return;
    }
    Move move = localMoves.find(want, deleted, taken, here); // its parents are checked as it moves
    if (move != null) {
      moves.put(w, move);
      return;
    }
    try {
      paths.checkParents(w.target());
    } catch (SafePaths.UnsafePathException e) {
      return; // also a file where this batch makes a directory: the content comes on a retry
    }
    if (!Files.isDirectory(w.target().getParent(), LinkOption.NOFOLLOW_LINKS)) {
      paths.createParents(w.target());
    }
    TempFile t = TempFile.open(w.target(), want);
    out.put(w, t); // from here on it is closed with the others, whatever happens
    fillLocally(t, here);
    if (!t.complete()) {
      needRemote.add(t);
    }
  }

  /**
   * Fills {@code t} from this disk and then from peers; whether it is complete. {@code t} stays
   * open either way: the caller finishes or closes it.
   */
  boolean fill(TempFile t, long cursor) throws IOException {
    fillLocally(t, null);
    if (!t.complete()) {
      transfers.add(remote.fetch(namespace, cursor, List.of(t), landed));
    }
    return t.complete();
  }

  /** Copies the blocks found locally into {@code t}; {@code here}, when given, limits the search. */
  private void fillLocally(TempFile t, Set<String> here) throws IOException {
    List<Block> blocks = t.meta().blocks();
    long copied = 0;
    long count = 0;
    for (int i = 0; i < blocks.size(); i++) {
      if (t.has(i) || (here != null && !here.contains(blocks.get(i).hash()))) {
        continue;
      }
      Block b = blocks.get(i);
      Optional<byte[]> data = local.read(b.hash(), b.size());
      if (data.isPresent()) {
        t.write(i, data.get(), b.size());
        copied += b.size();
        count++;
      }
    }
    if (copied > 0) {
      transfers.addLocal(copied, count);
    }
  }

  @Override
  public void close() {
    finisher.close();
  }
}
