package org.feedmesh.agent.sync;

import java.nio.charset.StandardCharsets;

/** File names the agent makes up (conflict copies, kept versions) that must fit the disk. */
final class FileNames {
  /** The longest file name, in UTF-8 bytes, that common file systems take. */
  static final int MAX_BYTES = 255;

  private FileNames() {}

  /**
   * {@code stem + suffix + ext}, with the stem (else the extension) shortened, whole characters
   * only, so that the name fits in {@link #MAX_BYTES} bytes. The suffix is kept whole.
   */
  static String fitted(String stem, String suffix, String ext) {
    int room = MAX_BYTES - utf8(suffix);
    if (utf8(stem) + utf8(ext) > room) {
      ext = start(ext, Math.max(0, room - Math.min(utf8(stem), room / 2)));
      stem = start(stem, room - utf8(ext));
    }
    return stem + suffix + ext;
  }

  private static int utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  /** The longest start of {@code s} that is at most {@code bytes} bytes of UTF-8, whole characters. */
  private static String start(String s, int bytes) {
    int end = 0;
    int used = 0;
    while (end < s.length()) {
      int cp = s.codePointAt(end);
      int size = utf8(new String(Character.toChars(cp)));
      if (used + size > bytes) {
        break;
      }
      used += size;
      end += Character.charCount(cp);
    }
    return s.substring(0, end);
  }
}
