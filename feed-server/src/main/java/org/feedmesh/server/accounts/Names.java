package org.feedmesh.server.accounts;

import java.util.regex.Pattern;
import org.feedmesh.platform.auth.Caller;

/** The rules for namespace names and endpoint ids (DESIGN section 3), one place. */
public final class Names {
  /** Namespace names and endpoint ids: {@code [a-z0-9][a-z0-9._-]{0,63}}. */
  public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  private Names() {}

  /**
   * @throws IllegalArgumentException saying what is wrong with the namespace name
   */
  public static String namespace(String name) {
    return check("namespace name", name);
  }

  /**
   * @throws IllegalArgumentException saying what is wrong with the endpoint id
   */
  public static String endpointId(String id) {
    check("endpoint name", id);
    if (id.equals(Caller.ADMIN_ID)) {
      throw new IllegalArgumentException("endpoint name 'admin' is reserved for the admin");
    }
    return id;
  }

  /** A display name: 1 to 200 characters, no control characters. */
  public static String displayName(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("display name must not be blank");
    }
    if (name.length() > 200) {
      throw new IllegalArgumentException("display name is longer than 200 characters");
    }
    if (name.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("display name must not contain control characters");
    }
    return name;
  }

  private static String check(String what, String value) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException(what + " is missing");
    }
    if (!NAME.matcher(value).matches()) {
      throw new IllegalArgumentException(
          what
              + " '"
              + abbreviate(value)
              + "' is invalid: use 1-64 characters a-z, 0-9, '.', '_', '-', starting with a letter"
              + " or digit");
    }
    return value;
  }

  static String abbreviate(String s) {
    String clean = s.replaceAll("\\p{Cntrl}", "?");
    return clean.length() > 80 ? clean.substring(0, 80) + "..." : clean;
  }
}
