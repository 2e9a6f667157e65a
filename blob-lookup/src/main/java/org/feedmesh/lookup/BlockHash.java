package org.feedmesh.lookup;

import org.feedmesh.lookup.internal.Hex;

/** A block's identity: the lowercase hex SHA-256 of the block's bytes. */
public record BlockHash(String hex) {
  public BlockHash {
    if (!Hex.isDigest(hex)) {
      throw new IllegalArgumentException(
          "a block hash is 64 lowercase hex characters (SHA-256), got " + Hex.describe(hex));
    }
  }

  public static BlockHash of(byte[] digest) {
    return new BlockHash(Hex.encode(digest));
  }

  /** A fresh copy of the 32 digest bytes. */
  public byte[] bytes() {
    return Hex.decode(hex);
  }

  @Override
  public String toString() {
    return hex;
  }
}
