package org.feedmesh.lookup;

import org.feedmesh.lookup.internal.Hex;

/** A blob's identity: the lowercase hex SHA-256 of its content (what {@code sha256sum} prints). */
public record BlobId(String hex) {
  public BlobId {
    if (!Hex.isDigest(hex)) {
      throw new IllegalArgumentException(
          "a blob id is 64 lowercase hex characters (SHA-256), got " + Hex.describe(hex));
    }
  }

  public static BlobId of(byte[] digest) {
    return new BlobId(Hex.encode(digest));
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
