package org.feedmesh.agent.blocks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.feedmesh.feedsync.fm.Block;
import org.feedmesh.feedsync.fm.Sha256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileHasherTest {
  @TempDir Path dir;

  private static String sha256sum(Path file) throws Exception {
    Process p = new ProcessBuilder("sha256sum", file.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "sha256sum did not finish");
    assertEquals(0, p.exitValue(), out);
    return out.substring(0, out.indexOf(' '));
  }

  private static void assertCoversExactly(HashedFile h, byte[] content) {
    long at = 0;
    for (Block b : h.blocks()) {
      assertEquals(at, b.offset());
      assertEquals(FileHasher.sha256(content, (int) b.offset(), b.size()), b.hash());
      at = b.end();
    }
    assertEquals(content.length, at);
    assertEquals(content.length, h.size());
  }

  @Test
  void blobIdIsWhatSha256sumPrintsForAMultiBlockFile() throws Exception {
    Path f = dir.resolve("big file.bin");
    byte[] content = TestData.random(3, 9 << 20);
    Files.write(f, content);
    HashedFile h = new FileHasher(ChunkerParams.DEFAULT).hash(f);
    assertEquals(sha256sum(f), h.blobId());
    assertTrue(h.blocks().size() > 2, "blocks: " + h.blocks().size());
    assertCoversExactly(h, content);
  }

  @Test
  void blobIdIsWhatSha256sumPrintsForASingleBlockFile() throws Exception {
    Path f = dir.resolve("small.txt");
    Files.writeString(f, "hello FeedMesh\n");
    HashedFile h = new FileHasher(ChunkerParams.DEFAULT).hash(f);
    assertEquals(sha256sum(f), h.blobId());
    assertEquals(List.of(new Block(0, 15, h.blobId())), h.blocks());
  }

  @Test
  void anEmptyFileHasNoBlocksAndTheHashOfNothing() throws Exception {
    Path f = Files.createFile(dir.resolve("empty"));
    HashedFile h = new FileHasher(ChunkerParams.DEFAULT).hash(f);
    assertEquals(new HashedFile(Sha256.EMPTY, 0, List.of()), h);
    assertEquals(sha256sum(f), h.blobId());
  }

  @Test
  void blocksCoverTheFileExactlyAndStayWithinMinAndMax() throws Exception {
    Path f = dir.resolve("f");
    byte[] content = TestData.random(4, 5_000_000);
    Files.write(f, content);
    HashedFile h = new FileHasher(TestData.SMALL).hash(f);
    assertCoversExactly(h, content);
    List<Block> blocks = h.blocks();
    for (int i = 0; i < blocks.size() - 1; i++) {
      int s = blocks.get(i).size();
      assertTrue(s >= 4096 && s <= 65536, "block " + i + " has size " + s);
    }
    assertEquals(sha256sum(f), h.blobId());
  }

  @Test
  void anInsertionInTheMiddleOfALargeFileChangesOnlyNearbyBlocks() throws Exception {
    byte[] original = TestData.random(5, 20 << 20);
    byte[] inserted = TestData.random(6, 1000);
    byte[] edited = new byte[original.length + inserted.length];
    int at = 10 << 20;
    System.arraycopy(original, 0, edited, 0, at);
    System.arraycopy(inserted, 0, edited, at, inserted.length);
    System.arraycopy(original, at, edited, at + inserted.length, original.length - at);
    FileHasher hasher = new FileHasher(TestData.SMALL);
    Set<String> before = hashes(hasher.hash(new ByteArrayInputStream(original)));
    List<Block> after = hasher.hash(new ByteArrayInputStream(edited)).blocks();
    List<Block> changed = after.stream().filter(b -> !before.contains(b.hash())).toList();
    assertTrue(after.size() > 1000, "blocks: " + after.size());
    assertTrue(changed.size() <= 3, "changed blocks: " + changed);
    for (Block b : changed) {
      assertTrue(b.end() > at - 65536 && b.offset() < at + 1000 + 2 * 65536, "far change " + b);
    }
  }

  @Test
  void anInsertionWithDefaultParamsKeepsMostOfAnEightMiBFile() throws Exception {
    byte[] original = TestData.random(7, 8 << 20);
    byte[] edited = new byte[original.length + 3];
    int at = 4 << 20;
    System.arraycopy(original, 0, edited, 0, at);
    edited[at] = 'a';
    edited[at + 1] = 'b';
    edited[at + 2] = 'c';
    System.arraycopy(original, at, edited, at + 3, original.length - at);
    FileHasher hasher = new FileHasher(ChunkerParams.DEFAULT);
    HashedFile a = hasher.hash(new ByteArrayInputStream(original));
    HashedFile b = hasher.hash(new ByteArrayInputStream(edited));
    Set<String> shared = hashes(a);
    shared.retainAll(hashes(b));
    assertTrue(a.blocks().size() >= 4, "blocks: " + a.blocks().size());
    assertTrue(shared.size() >= a.blocks().size() - 2,
        "shared " + shared.size() + " of " + a.blocks().size());
  }

  @Test
  void hashingIsDeterministicAndTheSameOnOneOrTwoThreadsAndThroughAStream() throws Exception {
    Path f = dir.resolve("f");
    byte[] content = TestData.random(8, 3_000_000);
    Files.write(f, content);
    HashedFile parallel = new FileHasher(TestData.SMALL).hash(f);
    assertEquals(parallel, new FileHasher(TestData.SMALL).hash(f));
    assertEquals(parallel, FileHasher.sequential(TestData.SMALL).hash(f));
    assertEquals(parallel, new FileHasher(TestData.SMALL).hash(new TrickleStream(content, 977)));
  }

  @Test
  void defaultSizedBlocksCoverTheFileAndAreTheSameOnOneOrTwoThreadsReadInOneGoOrSeveral() throws Exception {
    // 6 MiB is read in one go (several blocks, whole-file digest beside them); 21 MiB in rounds
    for (int size : new int[] {6 << 20, 21 << 20}) {
      Path f = dir.resolve("f" + size);
      byte[] content = TestData.random(size, size);
      Files.write(f, content);
      HashedFile parallel = new FileHasher(ChunkerParams.DEFAULT).hash(f);
      assertTrue(parallel.blocks().size() > 2, "blocks: " + parallel.blocks().size());
      assertCoversExactly(parallel, content);
      assertEquals(sha256sum(f), parallel.blobId());
      assertEquals(parallel, FileHasher.sequential(ChunkerParams.DEFAULT).hash(f));
      assertEquals(parallel, new FileHasher(ChunkerParams.DEFAULT).hash(new TrickleStream(content, 65_537)));
    }
  }

  @Test
  void progressReportsEveryByteOnce() throws Exception {
    byte[] content = TestData.random(9, 1_234_567);
    AtomicLong seen = new AtomicLong();
    new FileHasher(TestData.SMALL).hash(new ByteArrayInputStream(content), seen::addAndGet);
    assertEquals(content.length, seen.get());
  }

  @Test
  void readBlockReturnsTheBytesOfABlockAndVerifyBlockChecksThem() throws Exception {
    Path f = dir.resolve("f");
    byte[] content = TestData.random(10, 500_000);
    Files.write(f, content);
    HashedFile h = new FileHasher(TestData.SMALL).hash(f);
    Block b = h.blocks().get(3);
    byte[] expected = java.util.Arrays.copyOfRange(content, (int) b.offset(), (int) b.end());
    assertArrayEquals(expected, FileHasher.readBlock(f, b.offset(), b.size()));
    assertTrue(FileHasher.verifyBlock(f, b));
    content[(int) b.offset() + 1] ^= 1;
    Files.write(f, content);
    assertFalse(FileHasher.verifyBlock(f, b));
    Files.write(f, new byte[10]);
    assertFalse(FileHasher.verifyBlock(f, b), "a shorter file does not hold the block");
  }

  private static Set<String> hashes(HashedFile h) {
    return h.blocks().stream().map(Block::hash).collect(Collectors.toCollection(HashSet::new));
  }

  /** Hands out at most {@code step} bytes per read, as sockets and pipes do. */
  static final class TrickleStream extends ByteArrayInputStream {
    private final int step;

    TrickleStream(byte[] data, int step) {
      super(data);
      this.step = step;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) {
      return super.read(b, off, Math.min(len, step));
    }
  }

}
