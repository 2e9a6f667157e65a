package org.feedmesh.feedsync.fm;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.feedmesh.feedsync.InvalidFeedSyncException;

/** Blob ids and block hashes: lowercase hex SHA-256, as {@code sha256sum} prints it. */
public final class Sha256 {
  public static final int HEX_LENGTH = 64;

  /** The blob id of empty content. */
  public static final String EMPTY = hex(new byte[0]);

  private Sha256() {}

  public static boolean isHex(String s) {
    if (s == null || s.length() != HEX_LENGTH) {
      return false;
    }
    for (int i = 0; i < HEX_LENGTH; i++) {
      char c = s.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }

  public static String require(String what, String s) {
    if (!isHex(s)) {
      throw new InvalidFeedSyncException(
          what + " must be 64 lowercase hex digits (a SHA-256), got \"" + s + "\"");
    }
    return s;
  }

  public static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  public static String hex(byte[] data) {
    return HexFormat.of().formatHex(digest().digest(data));
  }

  public static String hex(String text) {
    return hex(text.getBytes(StandardCharsets.UTF_8));
  }
}
