package org.feedmesh.lookup;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/** Deterministic blob ids, block hashes and layouts for tests. */
public final class TestData {
  private TestData() {}

  public static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public static BlobId blobId(String name) {
    return BlobId.of(sha256("blob:" + name));
  }

  public static BlockHash blockHash(String name) {
    return BlockHash.of(sha256("block:" + name));
  }

  /** A blob named {@code name} of {@code blocks} blocks of {@code blockSize} bytes each. */
  public static BlobLayout layout(String name, int blocks, int blockSize) {
    List<Block> list = new ArrayList<>();
    for (int i = 0; i < blocks; i++) {
      list.add(new Block(i, (long) i * blockSize, blockSize, blockHash(name + "#" + i)));
    }
    return new BlobLayout(blobId(name), (long) blocks * blockSize, list);
  }

  /** Block {@code index} of the blob {@link #layout} makes for {@code name}. */
  public static BlockHash blockOf(String name, int index) {
    return blockHash(name + "#" + index);
  }
}
