package org.feedmesh.agent.sync;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import org.feedmesh.feedsync.fm.Block;
import org.feedmesh.feedsync.fm.FileMeta;
import org.feedmesh.feedsync.fm.Sha256;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The temporary file a remote file version is assembled in: beside its final path, named after the
 * path and the blob ({@code .feedmesh-tmp-<hash>}) so a restarted agent finds it again and keeps
 * the blocks it already holds. Blocks are written at their offsets; {@link #finish()} fsyncs and
 * checks the whole-file hash before the file may be renamed into place.
 */
public final class TempFile implements AutoCloseable {
  private static final int IO_BUFFER = 1 << 20;
  private static final Logger LOG = LoggerFactory.getLogger(TempFile.class);

  private final Path path;
  private final FileMeta meta;
  private final FileChannel channel;
  private final BitSet have;

  private TempFile(Path path, FileMeta meta, FileChannel channel, BitSet have) {
    this.path = path;
    this.meta = meta;
    this.channel = channel;
    this.have = have;
  }

  /** The temporary name for {@code meta} at {@code target}. */
  public static Path nameFor(Path target, FileMeta meta) {
    String key = Sha256.hex(meta.path() + "\n" + meta.blobId());
    return target.resolveSibling(SafePaths.TEMP_PREFIX + key.substring(0, 24));
  }

  /**
   * Opens (or resumes) the temporary file of {@code meta}. A resumed file keeps each block whose
   * bytes still hash right; everything else is written again.
   */
  public static TempFile open(Path target, FileMeta meta) throws IOException {
    Path p = nameFor(target, meta);
    boolean resumed = Files.isRegularFile(p);
    FileChannel ch =
        FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    BitSet have = new BitSet(meta.blocks().size());
    try {
      if (resumed && ch.size() == meta.size()) {
        List<Block> blocks = meta.blocks();
        for (int i = 0; i < blocks.size(); i++) {
          if (hashAt(ch, blocks.get(i)).equals(blocks.get(i).hash())) {
            have.set(i);
          }
        }
      } else {
        ch.truncate(0);
        if (meta.size() > 0) {
          // full length at once (sparse), so a restarted agent recognises the file and resumes
          ch.write(ByteBuffer.wrap(new byte[1]), meta.size() - 1);
        }
      }
    } catch (IOException e) {
      ch.close();
      throw e;
    }
    if (resumed && !have.isEmpty()) {
      LOG.info("resuming {}: {} of {} blocks are already here", meta.path(), have.cardinality(), meta.blocks().size());
    }
    return new TempFile(p, meta, ch, have);
  }

  public Path path() {
    return path;
  }

  public FileMeta meta() {
    return meta;
  }

  /** Whether block {@code index} is already in place. */
  public synchronized boolean has(int index) {
    return have.get(index);
  }

  public synchronized int held() {
    return have.cardinality();
  }

  public synchronized BitSet heldSet() {
    return (BitSet) have.clone();
  }

  public synchronized boolean complete() {
    return have.cardinality() == meta.blocks().size();
  }

  /** Writes verified bytes of block {@code index} at its offset. */
  public void write(int index, byte[] data, int length) throws IOException {
    writeAt(index, data, length);
    synchronized (whole) { // apart from the writes: the next block goes to disk meanwhile
      digestInOrder(index, data, length);
    }
  }

  private synchronized void writeAt(int index, byte[] data, int length) throws IOException {
    Block b = meta.blocks().get(index);
    if (length != b.size()) {
      throw new IOException("block " + index + " of " + meta.path() + " has " + length + " bytes, expected " + b.size());
    }
    ByteBuffer buf = ByteBuffer.wrap(data, 0, length);
    long pos = b.offset();
    while (buf.hasRemaining()) {
      pos += channel.write(buf, pos);
    }
    have.set(index);
    unflushed += length;
    if (unflushed >= EARLY_FLUSH && !flushing) {
      unflushed = 0;
      flushing = true;
      FLUSHER.execute(this::flushEarly);
    }
  }

  /**
   * Bytes written since the last early flush. A big file is handed to the disk in the background
   * every {@link #EARLY_FLUSH} bytes while it downloads, so the fsync in {@link #finish()} waits
   * only for the tail instead of the whole file.
   */
  private long unflushed;
  private boolean flushing;
  private static final long EARLY_FLUSH = 32L << 20;
  private static final Executor FLUSHER =
      Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "feedmesh-flush");
        t.setDaemon(true);
        return t;
      });

  private void flushEarly() {
    try {
      channel.force(false);
    } catch (IOException e) {
      // closed or failing: finish() forces (and reports) for real
    } finally {
      synchronized (this) {
        flushing = false;
      }
    }
  }

  /**
   * The whole-file digest, fed with the blocks as they land in file order (those that land early
   * wait in memory, up to {@link #MAX_WAITING} bytes), so that {@link #finish()} only reads back
   * what this never saw: nothing, for a download that arrived about in order.
   */
  private final MessageDigest whole = Sha256.digest();
  /** Bytes from the start of the file that {@link #whole} has digested. */
  private long digested;
  private int nextToDigest;
  private final TreeMap<Integer, byte[]> waiting = new TreeMap<>();
  private long waitingBytes;
  private static final long MAX_WAITING = 64L << 20;

  private void digestInOrder(int index, byte[] data, int length) {
    List<Block> blocks = meta.blocks();
    if (blocks.size() < 2 || index < nextToDigest) {
      return; // a one-block file needs no whole-file digest (see finish)
    }
    if (index > nextToDigest) {
      if (waitingBytes + length <= MAX_WAITING) {
        waiting.put(index, length == data.length ? data : Arrays.copyOf(data, length));
        waitingBytes += length;
      }
      return; // else finish() reads it back
    }
    whole.update(data, 0, length);
    digested += length;
    nextToDigest++;
    while (!waiting.isEmpty() && waiting.firstKey() == nextToDigest) {
      byte[] next = waiting.pollFirstEntry().getValue();
      waitingBytes -= next.length;
      whole.update(next);
      digested += next.length;
      nextToDigest++;
    }
  }

  /**
   * Fsyncs and verifies the whole file against the blob id. On a mismatch the file is deleted and
   * an exception says so; nothing reaches the final path. Done once: later calls return at once,
   * or fail again as the first did, so the sync engine can finish files on other threads as soon
   * as their last block lands and the installer's own call costs nothing.
   */
  public synchronized void finish() throws IOException {
    if (failure != null) {
      throw new IOException(failure.getMessage(), failure);
    }
    if (finished) {
      return;
    }
    try {
      finishOnce();
      finished = true;
    } catch (IOException e) {
      failure = e;
      throw e;
    }
  }

  private boolean finished;
  private IOException failure;

  private void finishOnce() throws IOException {
    if (!complete()) {
      throw new IOException(meta.path() + " is missing " + (meta.blocks().size() - held()) + " blocks");
    }
    if (channel.size() != meta.size()) {
      channel.truncate(meta.size());
    }
    channel.force(true);
    List<Block> blocks = meta.blocks();
    if (blocks.size() == 1 && blocks.get(0).hash().equals(meta.blobId()) && blocks.get(0).size() == meta.size()) {
      // One block that is the whole file: its bytes were hash-checked against the blob id itself
      // before they were written (or, resumed, read back and checked), so reading them back once
      // more would check the same bytes against the same hash.
      return;
    }
    synchronized (whole) {
      checkWhole();
    }
  }

  private void checkWhole() throws IOException {
    // Continue the digest the landing blocks began: read back only what it has not seen.
    waiting.clear();
    waitingBytes = 0;
    MessageDigest md = whole;
    try (InputStream in = Channels.newInputStream(channel.position(digested))) {
      byte[] buf = new byte[(int) Math.min(IO_BUFFER, Math.max(1, meta.size() - digested))];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
    }
    String got = HexFormat.of().formatHex(md.digest());
    if (!got.equals(meta.blobId())) {
      close();
      Files.deleteIfExists(path);
      throw new IOException(
          "assembled " + meta.path() + " hashes to " + got + ", not the blob id " + meta.blobId() + "; discarded");
    }
  }

  /** Removes the temporary file (after a refusal, or once it has been renamed it is gone anyway). */
  public void discard() throws IOException {
    close();
    Files.deleteIfExists(path);
  }

  @Override
  public void close() throws IOException {
    synchronized (openLock) {
      if (channel.isOpen()) {
        channel.close();
      }
    }
  }

  /**
   * Runs {@code action} unless this file has been closed (installed or discarded), holding off
   * {@link #close()} until it is done: what it records about the file cannot outlive the file.
   */
  public boolean whileOpen(Runnable action) {
    synchronized (openLock) {
      if (!channel.isOpen()) {
        return false;
      }
      action.run();
      return true;
    }
  }

  private final Object openLock = new Object();

  private static String hashAt(FileChannel ch, Block b) throws IOException {
    MessageDigest md = Sha256.digest();
    ByteBuffer buf = ByteBuffer.allocate((int) Math.min(IO_BUFFER, Math.max(1, b.size())));
    long pos = b.offset();
    long end = b.offset() + b.size();
    while (pos < end) {
      buf.clear();
      buf.limit((int) Math.min(buf.capacity(), end - pos));
      int n = ch.read(buf, pos);
      if (n <= 0) {
        return "";
      }
      buf.flip();
      md.update(buf);
      pos += n;
    }
    return HexFormat.of().formatHex(md.digest());
  }
}
