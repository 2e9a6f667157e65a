package org.feedmesh.agent.peer;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import org.feedmesh.feedsync.fm.Sha256;

/**
 * Reads a block from disk and checks its hash before any of it is trusted. Blocks up to {@link
 * #BUFFER_LIMIT} are read once into a buffer of their size and verified; larger ones are hashed in
 * a first pass and streamed in a second, which hashes again and holds back its last chunk until the
 * hash matches, so a file that changes between the passes never yields a complete wrong block.
 */
final class BlockReader {
  static final int BUFFER_LIMIT = 4 * 1024 * 1024;
  static final int CHUNK = 64 * 1024;

  private BlockReader() {}

  /** The block's bytes when the file still holds them; empty when it is short, gone or changed. */
  static Optional<byte[]> readVerified(BlockFile block, String hash) {
    byte[] data = new byte[block.size()];
    try (FileChannel ch = FileChannel.open(block.file(), StandardOpenOption.READ)) {
      ByteBuffer buffer = ByteBuffer.wrap(data);
      long position = block.offset();
      while (buffer.hasRemaining()) {
        int n = ch.read(buffer, position);
        if (n < 0) {
          return Optional.empty();
        }
        position += n;
      }
    } catch (IOException e) {
      return Optional.empty();
    }
    return hex(Sha256.digest().digest(data)).equals(hash) ? Optional.of(data) : Optional.empty();
  }

  /** Whether the file still holds the block (one hashing pass, bounded buffer). */
  static boolean holds(BlockFile block, String hash) {
    try (Chunks chunks = new Chunks(block)) {
      MessageDigest digest = Sha256.digest();
      while (chunks.next()) {
        digest.update(chunks.buffer, 0, chunks.length);
      }
      return hex(digest.digest()).equals(hash);
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Writes the block to {@code out}, all but its last chunk as it is read; the last chunk only when
   * the hash of everything read matches.
   *
   * @throws IOException when the file cannot be read, is short or no longer matches (the caller
   *     then aborts the response) or when writing fails
   */
  static void stream(BlockFile block, String hash, OutputStream out) throws IOException {
    MessageDigest digest = Sha256.digest();
    byte[] held = new byte[Math.min(CHUNK, block.size())];
    int heldLength = 0;
    try (Chunks chunks = new Chunks(block)) {
      while (chunks.next()) {
        digest.update(chunks.buffer, 0, chunks.length);
        if (heldLength > 0) {
          out.write(held, 0, heldLength);
        }
        System.arraycopy(chunks.buffer, 0, held, 0, chunks.length);
        heldLength = chunks.length;
      }
    }
    if (!hex(digest.digest()).equals(hash)) {
      throw new IOException(
          "block " + hash + " changed in " + block.file() + " while it was being sent");
    }
    out.write(held, 0, heldLength);
  }

  /** The block's bytes chunk by chunk; {@link #next()} fails when the file is short. */
  private static final class Chunks implements AutoCloseable {
    final byte[] buffer;
    int length;
    private final FileChannel channel;
    private long position;
    private long remaining;

    Chunks(BlockFile block) throws IOException {
      this.channel = FileChannel.open(block.file(), StandardOpenOption.READ);
      this.buffer = new byte[Math.min(CHUNK, block.size())];
      this.position = block.offset();
      this.remaining = block.size();
    }

    boolean next() throws IOException {
      if (remaining == 0) {
        return false;
      }
      ByteBuffer b = ByteBuffer.wrap(buffer, 0, (int) Math.min(buffer.length, remaining));
      while (b.hasRemaining()) {
        if (channel.read(b, position + b.position()) < 0) {
          throw new IOException("the block file is shorter than the block");
        }
      }
      length = b.position();
      position += length;
      remaining -= length;
      return true;
    }

    @Override
    public void close() throws IOException {
      channel.close();
    }
  }

  private static String hex(byte[] digest) {
    return HexFormat.of().formatHex(digest);
  }
}
