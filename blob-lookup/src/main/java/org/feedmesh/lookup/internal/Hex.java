package org.feedmesh.lookup.internal;

import java.util.HexFormat;

/** Lowercase hex SHA-256 digests: the one spelling accepted for blob ids and block hashes. */
public final class Hex {
  public static final int DIGEST_BYTES = 32;
  public static final int DIGEST_CHARS = 64;
  private static final HexFormat LOWER = HexFormat.of();

  private Hex() {}

  /** True when {@code s} is exactly 64 characters of {@code [0-9a-f]}. */
  public static boolean isDigest(String s) {
    if (s == null || s.length() != DIGEST_CHARS) {
      return false;
    }
    for (int i = 0; i < DIGEST_CHARS; i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  public static byte[] decode(String digest) {
    return LOWER.parseHex(digest);
  }

  public static String encode(byte[] digest) {
    if (digest.length != DIGEST_BYTES) {
      throw new IllegalArgumentException("a digest has 32 bytes, got " + digest.length);
    }
    return LOWER.formatHex(digest);
  }

  /** What a refused digest looked like, cut short so an error message stays readable. */
  public static String describe(String s) {
    if (s == null) {
      return "null";
    }
    String shown = s.length() > 80 ? s.substring(0, 80) + "…" : s;
    return "\"" + shown + "\" (" + s.length() + " chars)";
  }
}
