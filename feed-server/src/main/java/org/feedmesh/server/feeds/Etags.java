package org.feedmesh.server.feeds;

/** {@code If-None-Match} / {@code If-Match} matching (RFC 9110 section 13.1). */
public final class Etags {
  private Etags() {}

  /**
   * Whether the header lists {@code tag} (unquoted) or is {@code *}. Weak tags match their strong
   * twin, as the weak comparison that If-None-Match uses requires.
   */
  public static boolean matches(String header, String tag) {
    if (header == null || header.isBlank()) {
      return false;
    }
    for (String part : header.split(",")) {
      String p = part.strip();
      if (p.equals("*")) {
        return true;
      }
      if (p.startsWith("W/")) {
        p = p.substring(2);
      }
      if (p.length() >= 2 && p.startsWith("\"") && p.endsWith("\"")) {
        p = p.substring(1, p.length() - 1);
      }
      if (p.equals(tag)) {
        return true;
      }
    }
    return false;
  }
}
