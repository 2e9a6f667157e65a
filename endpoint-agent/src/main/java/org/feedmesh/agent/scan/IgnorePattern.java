package org.feedmesh.agent.scan;

import java.util.regex.Pattern;

/**
 * One line of a {@code .feedmeshignore} file, compiled to a regular expression over the whole
 * relative path, with gitignore's meaning:
 *
 * <ul>
 *   <li>{@code *} any run of characters except {@code /}; {@code ?} one character except {@code /};
 *       {@code [a-z]}, {@code [!abc]} / {@code [^abc]} a character class; {@code \x} a literal x
 *   <li>a pattern with a {@code /} at its start or middle is anchored at the folder root; without
 *       one it matches a name at any depth
 *   <li>{@code **}{@code /} at the start: in any directory; {@code /**} at the end: everything
 *       inside; {@code /**}{@code /} in the middle: zero or more directories
 *   <li>a trailing {@code /} matches directories only; a leading {@code !} re-includes
 * </ul>
 */
record IgnorePattern(
    String source, Pattern regex, boolean negated, boolean dirOnly, Literal literal) {

  /**
   * A glob of plain characters with at most one {@code *} ({@code *.tmp}, {@code .#*}, {@code
   * Thumbs.db}): matched with string tests instead of the regular expression, as every watcher
   * event is checked against every pattern. Unanchored, it is tested on the last name of the path
   * (such a glob has no {@code /}, so the regular expression can match nothing else).
   */
  record Literal(boolean anchored, String prefix, String suffix, boolean star) {
    static Literal of(String glob, boolean anchored) {
      for (int i = 0; i < glob.length(); i++) {
        char c = glob.charAt(i);
        if (c == '?' || c == '[' || c == '\\' || c == '*' && glob.indexOf('*', i + 1) >= 0) {
          return null;
        }
      }
      int star = glob.indexOf('*');
      return star < 0
          ? new Literal(anchored, glob, "", false)
          : new Literal(anchored, glob.substring(0, star), glob.substring(star + 1), true);
    }

    boolean matches(String path) {
      String name = anchored ? path : path.substring(path.lastIndexOf('/') + 1);
      if (!star) {
        return name.equals(prefix);
      }
      int end = name.length() - suffix.length(); // the star covers name[prefix.length(), end)
      if (end < prefix.length() || !name.startsWith(prefix) || !name.endsWith(suffix)) {
        return false;
      }
      int slash = name.indexOf('/', prefix.length());
      return slash < 0 || slash >= end; // a star never covers a slash
    }
  }

  /** The pattern of one line, or null for blank lines and comments. */
  static IgnorePattern parse(String line) {
    String p = trimTrailingSpaces(line);
    if (p.isEmpty() || p.startsWith("#")) {
      return null;
    }
    boolean negated = false;
    if (p.startsWith("!")) {
      negated = true;
      p = p.substring(1);
    } else if (p.startsWith("\\!") || p.startsWith("\\#")) {
      p = p.substring(1);
    }
    boolean dirOnly = false;
    while (p.endsWith("/") && !p.endsWith("\\/")) {
      dirOnly = true;
      p = p.substring(0, p.length() - 1);
    }
    if (p.isEmpty()) {
      return null;
    }
    boolean anchored = p.indexOf('/') >= 0;
    if (p.startsWith("/")) {
      p = p.substring(1);
    }
    String body = translate(p);
    String regex = anchored ? body : "(?:.*/)?" + body;
    return new IgnorePattern(
        line, Pattern.compile(regex, Pattern.DOTALL), negated, dirOnly, Literal.of(p, anchored));
  }

  boolean matches(String path, boolean dir) {
    if (!dir && dirOnly) {
      return false;
    }
    return literal != null ? literal.matches(path) : regex.matcher(path).matches();
  }

  /** {@link #matches} by the regular expression alone; what the literal test must agree with. */
  boolean matchesByRegex(String path, boolean dir) {
    return (dir || !dirOnly) && regex.matcher(path).matches();
  }

  private static String trimTrailingSpaces(String line) {
    int end = line.length();
    while (end > 0 && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t'
        || line.charAt(end - 1) == '\r')) {
      if (end >= 2 && line.charAt(end - 2) == '\\') {
        break; // "\ " keeps its space
      }
      end--;
    }
    return line.substring(0, end);
  }

  private static String translate(String glob) {
    StringBuilder re = new StringBuilder();
    int n = glob.length();
    int i = 0;
    while (i < n) {
      char c = glob.charAt(i);
      if (c == '*' && i + 1 < n && glob.charAt(i + 1) == '*' && atSegmentStart(glob, i)
          && (i + 2 == n || glob.charAt(i + 2) == '/')) {
        if (i + 2 == n) {
          re.append(".*"); // "a/**": everything inside a
        } else {
          re.append("(?:.*/)?"); // "**/" : zero or more directories
          i++;
        }
        i += 2;
        continue;
      }
      switch (c) {
        case '*' -> re.append("[^/]*");
        case '?' -> re.append("[^/]");
        case '[' -> i = charClass(glob, i, re);
        case '\\' -> {
          if (i + 1 < n) {
            i++;
          }
          re.append(Pattern.quote(String.valueOf(glob.charAt(i))));
        }
        default -> re.append(Pattern.quote(String.valueOf(c)));
      }
      i++;
    }
    return re.toString();
  }

  private static boolean atSegmentStart(String glob, int i) {
    return i == 0 || glob.charAt(i - 1) == '/';
  }

  /**
   * Appends the class starting at {@code glob[open]}; returns the index of its {@code ]}. A class
   * never matches {@code /}: a negated one excludes it, a positive one drops it.
   */
  private static int charClass(String glob, int open, StringBuilder re) {
    int i = open + 1;
    boolean negated = i < glob.length() && (glob.charAt(i) == '!' || glob.charAt(i) == '^');
    if (negated) {
      i++;
    }
    StringBuilder cls = new StringBuilder();
    int first = i;
    for (; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == ']' && i > first) {
        if (cls.length() == 0) {
          re.append(negated ? "[^/]" : "(?!)");
        } else {
          re.append(negated ? "[^/" : "[").append(cls).append(']');
        }
        return i;
      }
      if (c == '\\' && i + 1 < glob.length()) {
        c = glob.charAt(++i);
      }
      if (c == '/') {
        continue;
      }
      if (c == '[' || c == ']' || c == '\\' || c == '^' || c == '&') {
        cls.append('\\');
      }
      cls.append(c);
    }
    re.append("\\[");  // no closing bracket: a literal '['
    return open;
  }
}
