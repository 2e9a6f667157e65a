package org.feedmesh.agent.sync;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.feedmesh.agent.index.AgentIndex;
import org.feedmesh.agent.index.LocalBlock;
import org.feedmesh.feedsync.fm.Sha256;

/**
 * Blocks the agent already has on disk (in any file of the folder, a kept version, or a
 * half-downloaded temporary file), found through the index's block table and verified by hash
 * before use: a block is copied locally instead of downloaded whenever it exists anywhere here.
 */
public final class LocalBlocks {
  private final Path folder;
  private final AgentIndex index;

  public LocalBlocks(Path folder, AgentIndex index) {
    this.folder = folder.toAbsolutePath().normalize();
    this.index = index;
  }

  /** The bytes of block {@code hash} ({@code size} bytes) from some local file, verified. */
  public Optional<byte[]> read(String hash, int size) {
    for (LocalBlock lb : index.findBlock(hash)) {
      if (lb.size() != size) {
        continue;
      }
      Optional<Path> file = file(lb.location());
      if (file.isEmpty()) {
        continue;
      }
      try {
        byte[] data = readAt(file.get(), lb.offset(), size);
        if (data != null && hashOf(data, size).equals(hash)) {
          return Optional.of(data);
        }
      } catch (IOException e) {
        // moved or changed since it was indexed: try the next place
      }
    }
    return Optional.empty();
  }

  /** Where block {@code hash} is on disk, unverified (the peer server verifies as it reads). */
  public Optional<LocalBlock> locate(String hash) {
    List<LocalBlock> all = index.findBlock(hash);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
  }

  /** The file at an index location, when it is inside the folder and a regular file. */
  public Optional<Path> file(String location) {
    Path p = folder.resolve(location).normalize();
    if (!p.startsWith(folder) || !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    return Optional.of(p);
  }

  static byte[] readAt(Path file, long offset, int size) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      ByteBuffer buf = ByteBuffer.allocate(size);
      long pos = offset;
      while (buf.hasRemaining()) {
        int n = ch.read(buf, pos);
        if (n < 0) {
          return null;
        }
        pos += n;
      }
      return buf.array();
    }
  }

  static String hashOf(byte[] data, int length) {
    MessageDigest md = Sha256.digest();
    md.update(data, 0, length);
    return HexFormat.of().formatHex(md.digest());
  }
}
