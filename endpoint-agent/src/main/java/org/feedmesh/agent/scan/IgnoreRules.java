package org.feedmesh.agent.scan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Which paths of a folder are not synced: the folder's {@code .feedmeshignore} (gitignore syntax,
 * see {@link IgnorePattern}; the last matching line decides; a path inside an ignored directory is
 * ignored whatever later lines say, as in git) plus names that are never synced whatever the file
 * says: the agent's own {@code .feedmesh/} at the root, its temporary files ({@code
 * *.feedmesh-tmp}, {@code .feedmesh-tmp-*}) and editors' temporary files ({@code *~}, {@code
 * .*.swp}, {@code .*.swx}, {@code .#*}, {@code ~$*}, {@code *.tmp}, {@code .DS_Store}, {@code
 * Thumbs.db}, {@code 4913}).
 *
 * <p>Immutable and thread-safe; reload after {@code .feedmeshignore} changes. Two rule sets are
 * equal when their files list the same patterns in the same order.
 */
public final class IgnoreRules {
  public static final String FILE_NAME = ".feedmeshignore";

  /** The agent's own directory at the folder root: state, versions, temporary downloads. */
  public static final String AGENT_DIR = ".feedmesh";

  private static final List<IgnorePattern> ALWAYS = compile(List.of(
      "/" + AGENT_DIR, "*.feedmesh-tmp", ".feedmesh-tmp-*",
      "*~", ".*.swp", ".*.swx", ".#*", "~$*", "*.tmp", ".DS_Store", "Thumbs.db", "4913"));

  /** Nothing but the always-ignored names. */
  public static final IgnoreRules NONE = new IgnoreRules(List.of());

  private final List<IgnorePattern> patterns;

  private IgnoreRules(List<IgnorePattern> patterns) {
    this.patterns = List.copyOf(patterns);
  }

  /** The rules of {@code folder/.feedmeshignore}; just the always-ignored names without one. */
  public static IgnoreRules load(Path folder) {
    Path file = folder.resolve(FILE_NAME);
    try {
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
        return NONE;
      }
      return parse(Files.readAllLines(file, StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      return NONE;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** Rules from the lines of a {@code .feedmeshignore} file. */
  public static IgnoreRules parse(List<String> lines) {
    return new IgnoreRules(compile(lines));
  }

  private static List<IgnorePattern> compile(List<String> lines) {
    List<IgnorePattern> out = new ArrayList<>();
    for (String line : lines) {
      IgnorePattern p = IgnorePattern.parse(line);
      if (p != null) {
        out.add(p);
      }
    }
    return out;
  }

  /**
   * Whether {@code relPath} ({@code /}-separated, relative to the folder) is not synced; {@code dir}
   * says whether it is a directory (for patterns ending in {@code /}).
   */
  public boolean ignored(String relPath, boolean dir) {
    int slash = relPath.indexOf('/');
    while (slash > 0) {
      if (ignoredItself(relPath.substring(0, slash), true)) {
        return true;
      }
      slash = relPath.indexOf('/', slash + 1);
    }
    return ignoredItself(relPath, dir);
  }

  private boolean ignoredItself(String path, boolean dir) {
    for (IgnorePattern p : ALWAYS) {
      if (p.matches(path, dir)) {
        return true;
      }
    }
    boolean ignored = false;
    for (IgnorePattern p : patterns) {
      if (p.matches(path, dir)) {
        ignored = !p.negated();
      }
    }
    return ignored;
  }

  /** How many patterns the file listed (not counting the always-ignored names). */
  public int patternCount() {
    return patterns.size();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IgnoreRules r && sources().equals(r.sources());
  }

  @Override
  public int hashCode() {
    return sources().hashCode();
  }

  private List<String> sources() {
    return patterns.stream().map(IgnorePattern::source).toList();
  }

  @Override
  public String toString() {
    return "IgnoreRules" + patterns.stream().map(IgnorePattern::source).toList();
  }
}
