package org.feedmesh.agent.sync;

import java.io.IOException;
import java.nio.file.LinkOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.feedmesh.agent.blocks.FileHasher;
import org.feedmesh.agent.index.AgentIndex;
import org.feedmesh.agent.index.LocalBlock;
import org.feedmesh.agent.peer.BlockFile;
import org.feedmesh.agent.peer.BlockProvider;

/**
 * Blocks the agent already has on disk (in any file of the folder, a kept version, or a
 * half-downloaded temporary file), found through the index's block table and verified by hash
 * before use: a block is copied locally instead of downloaded whenever it exists anywhere here.
 */
public final class LocalBlocks implements BlockProvider {
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
        byte[] data = FileHasher.readBlock(file.get(), lb.offset(), size);
        if (FileHasher.sha256(data, 0, size).equals(hash)) {
          return Optional.of(data);
        }
      } catch (IOException e) {
        // moved or changed since it was indexed: try the next place
      }
    }
    return Optional.empty();
  }

  /** Where block {@code hash} is on disk, unverified (the peer server verifies as it reads). */
  @Override
  public Optional<BlockFile> locate(String hash) {
    List<LocalBlock> all = index.findBlock(hash);
    return all.isEmpty() ? Optional.empty() : onDisk(all.get(0));
  }

  /** Where each of {@code hashes} the index knows is on disk, unverified: one query. */
  @Override
  public Map<String, BlockFile> locateAll(List<String> hashes) {
    Map<String, BlockFile> out = new HashMap<>();
    index.findBlocks(hashes).forEach((h, lb) -> onDisk(lb).ifPresent(f -> out.put(h, f)));
    return out;
  }

  private Optional<BlockFile> onDisk(LocalBlock lb) {
    return file(lb.location()).map(f -> new BlockFile(f, lb.offset(), lb.size()));
  }

  /** The file at an index location, when it is inside the folder and a regular file. */
  public Optional<Path> file(String location) {
    Path p = folder.resolve(location).normalize();
    if (!p.startsWith(folder) || !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    return Optional.of(p);
  }
}
