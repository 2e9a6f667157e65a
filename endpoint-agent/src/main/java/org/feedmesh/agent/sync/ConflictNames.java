package org.feedmesh.agent.sync;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names of conflict copies: {@code name.sync-conflict-YYYYMMDD-HHMMSS-<endpoint>.ext}, kept beside
 * the file whose conflict they record (the time is the losing version's, in UTC).
 */
public final class ConflictNames {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
  private static final Pattern COPY =
      Pattern.compile("^(.*)\\.sync-conflict-(\\d{8}-\\d{6})-([A-Za-z0-9_-]{1,32})(\\.[^./]*)?$");
  private static final int MAX_ENDPOINT_CHARS = 16;

  private ConflictNames() {}

  /**
   * The conflict copy of {@code path} for the version {@code endpoint} wrote at {@code when}. A name
   * too long to take the suffix has its stem (else its extension) shortened so that the copy's name
   * fits in {@value FileNames#MAX_BYTES} bytes; such a copy no longer names its original (see {@link
   * #originalOf}), so deleting it does not resolve the conflict by itself.
   */
  public static String copyOf(String path, Instant when, String endpoint) {
    int slash = path.lastIndexOf('/');
    String dir = path.substring(0, slash + 1);
    String name = path.substring(slash + 1);
    int dot = name.lastIndexOf('.');
    String stem = dot > 0 ? name.substring(0, dot) : name;
    String ext = dot > 0 ? name.substring(dot) : "";
    // no dots in the endpoint part, so the extension after it is never ambiguous
    String who = endpoint.replaceAll("[^A-Za-z0-9_-]", "_");
    if (who.length() > MAX_ENDPOINT_CHARS) {
      who = who.substring(0, MAX_ENDPOINT_CHARS);
    }
    Instant at = when == null ? Instant.EPOCH : when;
    return dir + FileNames.fitted(stem, ".sync-conflict-" + STAMP.format(at) + "-" + who, ext);
  }

  /** The original path a conflict copy belongs to, or empty when {@code path} is no conflict copy. */
  public static Optional<String> originalOf(String path) {
    int slash = path.lastIndexOf('/');
    String dir = path.substring(0, slash + 1);
    Matcher m = COPY.matcher(path.substring(slash + 1));
    if (!m.matches() || m.group(1).isEmpty()) {
      return Optional.empty();
    }
    String ext = m.group(4) == null ? "" : m.group(4);
    return Optional.of(dir + m.group(1) + ext);
  }
}
