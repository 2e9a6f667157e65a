package org.feedmesh.feedsync;

/**
 * The RFC 2141 namespace-specific-string character set, which FeedSync requires of
 * {@code sx:sync/@id} and {@code sx:history/@by}: letters, digits, {@code ()+,-.:=@;$_!*'/?#}, and
 * {@code %} only as the start of a two-hex-digit escape.
 */
public final class Nss {
  /** Longest id or {@code by} we accept; FeedSync sets none, we bound input. */
  public static final int MAX_LENGTH = 1024;

  private static final String OTHER = "()+,-.:=@;$_!*'/?#";

  private Nss() {}

  public static boolean isValid(String s) {
    if (s == null || s.isEmpty() || s.length() > MAX_LENGTH) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        if (i + 2 >= s.length() || !isHex(s.charAt(i + 1)) || !isHex(s.charAt(i + 2))) {
          return false;
        }
        i += 2;
      } else if (!(isAsciiLetterOrDigit(c) || OTHER.indexOf(c) >= 0)) {
        return false;
      }
    }
    return true;
  }

  /** Returns {@code s} if valid, else throws naming {@code what} and the value. */
  public static String require(String what, String s) {
    if (!isValid(s)) {
      throw new InvalidFeedSyncException(
          what + " must be 1.." + MAX_LENGTH + " characters of the RFC 2141 NSS set"
              + " (letters, digits, ()+,-.:=@;$_!*'/?# and %XX escapes), got " + quote(s));
    }
    return s;
  }

  static String quote(String s) {
    if (s == null) {
      return "null";
    }
    String shown = s.length() > 80 ? s.substring(0, 80) + "…" : s;
    return "\"" + shown + "\"";
  }

  private static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private static boolean isAsciiLetterOrDigit(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }
}
