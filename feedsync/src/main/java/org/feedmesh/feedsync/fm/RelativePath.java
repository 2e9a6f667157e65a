package org.feedmesh.feedsync.fm;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import org.feedmesh.feedsync.InvalidFeedSyncException;

/**
 * The path of an item inside its shared folder: {@code /}-separated, Unicode NFC, never absolute,
 * never with empty, {@code .} or {@code ..} segments, never with NUL, control characters or
 * backslashes. Whatever passes here cannot leave the folder when resolved against it.
 */
public final class RelativePath {
  public static final int MAX_LENGTH = 4096;
  public static final int MAX_SEGMENT_BYTES = 255;

  private RelativePath() {}

  /** Returns the NFC form of {@code path}, or throws saying which rule it breaks. */
  public static String normalize(String path) {
    String why = problem(path);
    if (why != null) {
      throw new InvalidFeedSyncException("unsafe path " + quote(path) + ": " + why);
    }
    return isBelowCombiningMarks(path) ? path : Normalizer.normalize(path, Normalizer.Form.NFC);
  }

  /** Text with no character at or above U+0300 (the first combining mark) is already NFC. */
  private static boolean isBelowCombiningMarks(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= '\u0300') {
        return false;
      }
    }
    return true;
  }

  public static boolean isValid(String path) {
    return problem(path) == null;
  }

  private static String problem(String path) {
    if (path == null || path.isEmpty()) {
      return "it is empty";
    }
    if (path.length() > MAX_LENGTH) {
      return "it is longer than " + MAX_LENGTH + " characters";
    }
    if (path.startsWith("/")) {
      return "it is absolute";
    }
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == 0) {
        return "it contains NUL";
      }
      if (c < 0x20 || c == 0x7f) {
        return "it contains a control character";
      }
      if (c == '\\') {
        return "it contains a backslash";
      }
    }
    if (path.length() >= 2 && path.charAt(1) == ':' && Character.isLetter(path.charAt(0))) {
      return "it starts with a drive letter";
    }
    int start = 0;
    while (start <= path.length()) {
      int end = path.indexOf('/', start);
      end = end < 0 ? path.length() : end;
      String why = segmentProblem(path, start, end);
      if (why != null) {
        return why;
      }
      start = end + 1;
    }
    return null;
  }

  private static String segmentProblem(String path, int start, int end) {
    int length = end - start;
    if (length == 0) {
      return "it has an empty segment";
    }
    if (path.charAt(start) == '.' && (length == 1 || length == 2 && path.charAt(start + 1) == '.')) {
      return "it has a '" + path.substring(start, end) + "' segment";
    }
    if (length * 3 > MAX_SEGMENT_BYTES // only then can the UTF-8 form exceed the bound
        && path.substring(start, end).getBytes(StandardCharsets.UTF_8).length > MAX_SEGMENT_BYTES) {
      return "a segment is longer than " + MAX_SEGMENT_BYTES + " bytes";
    }
    return null;
  }

  private static String quote(String s) {
    if (s == null) {
      return "null";
    }
    String shown = s.length() > 80 ? s.substring(0, 80) + "…" : s;
    return "\"" + shown.replace("\0", "\\0") + "\"";
  }
}
