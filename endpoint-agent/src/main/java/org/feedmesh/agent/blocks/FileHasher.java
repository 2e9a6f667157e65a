package org.feedmesh.agent.blocks;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.feedmesh.feedsync.fm.Block;
import org.feedmesh.feedsync.fm.Sha256;

/**
 * Hashes content in one streaming pass: content-defined blocks ({@link Chunker}) with the SHA-256
 * of each, and the SHA-256 of the whole content (the blob id, what {@code sha256sum} prints).
 *
 * <p>Memory: one buffer of at most {@code 2 * max} bytes per call in flight (smaller for small
 * files); content is never held whole. Speed: every byte goes through two SHA-256 digests (its
 * block's and the whole file's); the whole-file digest runs on a helper thread over the same buffer
 * while the calling thread chunks and hashes blocks, so on two cores a file hashes about as fast as
 * {@code sha256sum} reads it. A file whose content is a single block is digested once: its blob id
 * is that block's hash.
 *
 * <p>Thread-safe; calls may run concurrently. The helper threads are daemons that end when idle,
 * so there is nothing to close.
 */
public final class FileHasher {
  /** Rounds that bring fewer new bytes than this digest them on the calling thread. */
  private static final int PARALLEL_THRESHOLD = 256 << 10;
  private static final int MIN_BUFFER = 64 << 10;

  private final Chunker chunker;
  private final Executor helper;

  /** Hashes with a private pool of daemon helper threads (one per processor, ended when idle). */
  public FileHasher(ChunkerParams params) {
    this(params, daemonPool());
  }

  /**
   * Hashes with {@code helper} running the whole-file digests; {@code Runnable::run} makes every
   * call single-threaded.
   */
  public FileHasher(ChunkerParams params, Executor helper) {
    this.chunker = new Chunker(params);
    this.helper = Objects.requireNonNull(helper, "helper");
  }

  /** A hasher that never uses another thread. */
  public static FileHasher sequential(ChunkerParams params) {
    return new FileHasher(params, Runnable::run);
  }

  public ChunkerParams params() {
    return chunker.params();
  }

  public HashedFile hash(Path file) throws IOException {
    return hash(file, bytes -> {});
  }

  /**
   * Hashes {@code file}, reporting each block's length to {@code progress} as it is hashed (on the
   * calling thread). The result describes the bytes read; callers that need a stable file compare
   * its size and mtime before and after.
   */
  public HashedFile hash(Path file, LongConsumer progress) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      long size = Files.size(file);
      int hint = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(MIN_BUFFER, size + 1));
      return hash(in, hint, progress);
    }
  }

  /** Hashes everything {@code in} yields until its end; does not close it. */
  public HashedFile hash(InputStream in) throws IOException {
    return hash(in, Integer.MAX_VALUE, bytes -> {});
  }

  public HashedFile hash(InputStream in, LongConsumer progress) throws IOException {
    return hash(in, Integer.MAX_VALUE, progress);
  }

  private HashedFile hash(InputStream in, int sizeHint, LongConsumer progress) throws IOException {
    return new Pass(in, sizeHint, progress).run();
  }

  /** The SHA-256 (lowercase hex) of {@code length} bytes of {@code data} from {@code from}. */
  public static String sha256(byte[] data, int from, int length) {
    MessageDigest d = Sha256.digest();
    d.update(data, from, length);
    return HexFormat.of().formatHex(d.digest());
  }

  /** The SHA-256 (lowercase hex) of the whole of {@code file}, streamed: what sha256sum prints. */
  public static String sha256(Path file) throws IOException {
    MessageDigest d = Sha256.digest();
    byte[] buf = new byte[1 << 20];
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      for (int n; (n = in.read(buf)) > 0; ) {
        d.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(d.digest());
  }

  /**
   * Reads the {@code size} bytes at {@code offset} of {@code file} (a block: at most {@link
   * Block#MAX_SIZE}). Throws {@link EOFException} when the file is shorter.
   */
  public static byte[] readBlock(Path file, long offset, int size) throws IOException {
    if (offset < 0 || size < 0 || size > Block.MAX_SIZE) {
      throw new IllegalArgumentException("bad block range offset=" + offset + " size=" + size);
    }
    byte[] data = new byte[size];
    ByteBuffer buf = ByteBuffer.wrap(data);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      while (buf.hasRemaining()) {
        if (ch.read(buf, offset + buf.position()) < 0) {
          throw new EOFException(file + " ends before offset " + (offset + size)
              + " (read " + buf.position() + " of " + size + " bytes at " + offset + ")");
        }
      }
    }
    return data;
  }

  /** Whether the block {@code b} of {@code file} still has hash {@code b.hash()}. */
  public static boolean verifyBlock(Path file, Block b) throws IOException {
    try {
      byte[] data = readBlock(file, b.offset(), b.size());
      return sha256(data, 0, data.length).equals(b.hash());
    } catch (EOFException e) {
      return false;
    }
  }

  private static Executor daemonPool() {
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 5, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), r -> {
          Thread t = new Thread(r, "feedmesh-hasher");
          t.setDaemon(true);
          return t;
        });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  /** One hashing pass: the buffer, the two digests and the block list of one input. */
  private final class Pass {
    private final InputStream in;
    private final LongConsumer progress;
    private final int capacity;
    private final MessageDigest whole = Sha256.digest();
    private final MessageDigest block = Sha256.digest();
    private final List<Block> blocks = new ArrayList<>();
    private final HexFormat hex = HexFormat.of();
    private byte[] buf;
    private int start;
    private int end;
    private long offset;
    private boolean eof;
    private FutureTask<Void> pending;

    Pass(InputStream in, int sizeHint, LongConsumer progress) {
      this.in = Objects.requireNonNull(in, "in");
      this.progress = Objects.requireNonNull(progress, "progress");
      this.capacity = 2 * chunker.params().max();
      this.buf = new byte[Math.max(MIN_BUFFER, Math.min(capacity, sizeHint))];
    }

    HashedFile run() throws IOException {
      try {
        boolean first = true;
        while (true) {
          int filledFrom = fill();
          if (first && eof) {
            return small();
          }
          first = false;
          digestWhole(filledFrom, end);
          cutBlocks();
          if (eof && start == end) {
            awaitWhole();
            return new HashedFile(hex.formatHex(whole.digest()), offset, blocks);
          }
        }
      } finally {
        awaitQuietly();
      }
    }

    /** Everything fit in the first read: if it is one block, its hash is the blob id. */
    private HashedFile small() {
      cutBlocks();
      if (blocks.size() == 1) {
        return new HashedFile(blocks.get(0).hash(), offset, blocks);
      }
      if (blocks.isEmpty()) {
        return new HashedFile(Sha256.EMPTY, 0, blocks);
      }
      whole.update(buf, 0, end);
      return new HashedFile(hex.formatHex(whole.digest()), offset, blocks);
    }

    /**
     * Reads until the buffer is full or the input ends; returns where the new bytes start. Waits
     * for the helper first: compaction and growth move bytes it may still be reading.
     */
    private int fill() throws IOException {
      awaitWhole();
      if (start > 0 && buf.length - start < chunker.params().max()) {
        System.arraycopy(buf, start, buf, 0, end - start);
        end -= start;
        start = 0;
      }
      if (end == buf.length && buf.length < capacity) {
        buf = Arrays.copyOf(buf, (int) Math.min(capacity, 2L * buf.length));
      }
      int from = end;
      while (end < buf.length) {
        int n = in.read(buf, end, buf.length - end);
        if (n < 0) {
          eof = true;
          break;
        }
        end += n;
      }
      return from;
    }

    private void cutBlocks() {
      int max = chunker.params().max();
      while (end - start >= max || eof && start < end) {
        int len = chunker.cut(buf, start, end - start);
        block.update(buf, start, len);
        blocks.add(new Block(offset, len, hex.formatHex(block.digest())));
        offset += len;
        start += len;
        progress.accept(len);
      }
    }

    private void digestWhole(int from, int to) {
      if (to - from < PARALLEL_THRESHOLD) {
        whole.update(buf, from, to - from);
        return;
      }
      byte[] data = buf;
      pending = new FutureTask<>(() -> whole.update(data, from, to - from), null);
      helper.execute(pending);
    }

    private void awaitWhole() throws IOException {
      if (pending == null) {
        return;
      }
      try {
        pending.get();
        pending = null;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while hashing");
      } catch (ExecutionException e) {
        throw new IllegalStateException("whole-file digest failed", e.getCause());
      }
    }

    /** On failure, the helper must be done with the buffer before the caller reuses anything. */
    private void awaitQuietly() {
      if (pending != null) {
        try {
          pending.get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
          // the pass already failed; its own exception is the one that matters
        }
      }
    }
  }
}
