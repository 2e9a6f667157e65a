package org.feedmesh.agent.peer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import org.feedmesh.feedsync.fm.Sha256;

/**
 * Blocks of random bytes in one real file under a folder, and a {@link BlockProvider} that knows
 * where each one is. Tests may point a hash at other bytes to play a changed disk.
 */
final class BlockFolder implements BlockProvider {
  final Path file;
  final List<WantedBlock> blocks = new ArrayList<>();
  final Map<String, byte[]> content = new ConcurrentHashMap<>();
  private final Map<String, BlockFile> where = new ConcurrentHashMap<>();

  /** {@code sizes.length} blocks, one after another in {@code folder/name}. */
  BlockFolder(Path folder, String name, long seed, int... sizes) throws IOException {
    Files.createDirectories(folder);
    this.file = folder.resolve(name);
    Random random = new Random(seed);
    int total = Arrays.stream(sizes).sum();
    byte[] all = new byte[total];
    random.nextBytes(all);
    Files.write(file, all);
    int offset = 0;
    for (int size : sizes) {
      byte[] data = Arrays.copyOfRange(all, offset, offset + size);
      String hash = Sha256.hex(data);
      blocks.add(new WantedBlock(hash, size));
      content.put(hash, data);
      where.put(hash, new BlockFile(file, offset, size));
      offset += size;
    }
  }

  /** The same blocks as {@code other}, in a file of this folder. */
  static BlockFolder copyOf(BlockFolder other, Path folder) throws IOException {
    Files.createDirectories(folder);
    Path copy = folder.resolve(other.file.getFileName());
    Files.copy(other.file, copy);
    return new BlockFolder(other, copy);
  }

  private BlockFolder(BlockFolder other, Path copy) {
    this.file = copy;
    blocks.addAll(other.blocks);
    content.putAll(other.content);
    other.where.forEach((h, f) -> where.put(h, new BlockFile(copy, f.offset(), f.size())));
  }

  WantedBlock block(int i) {
    return blocks.get(i);
  }

  /** Makes {@code hash} point at the bytes of another block of the same size or longer. */
  void pointAt(String hash, String otherHash) {
    BlockFile other = where.get(otherHash);
    where.put(hash, new BlockFile(other.file(), other.offset(), where.get(hash).size()));
  }

  @Override
  public Optional<BlockFile> locate(String hash) {
    return Optional.ofNullable(where.get(hash));
  }
}
