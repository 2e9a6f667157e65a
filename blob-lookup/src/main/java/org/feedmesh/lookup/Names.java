package org.feedmesh.lookup;

import java.util.regex.Pattern;
import org.feedmesh.platform.auth.Caller;

/** The spelling of namespace names and endpoint ids the lookup accepts. */
public final class Names {
  private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  /** As the feed server spells endpoint ids (DESIGN section 3). */
  private static final Pattern ENDPOINT = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  private Names() {}

  /**
   * @throws LookupException INVALID unless {@code name} is a namespace name
   */
  public static String requireNamespace(String name) {
    if (name == null || !NAMESPACE.matcher(name).matches()) {
      throw LookupException.invalid(
          "a namespace name is 1-64 characters of [a-z0-9._-],"
              + " starting with a letter or digit; got "
              + quoted(name));
    }
    return name;
  }

  /**
   * @throws LookupException INVALID unless {@code id} is an endpoint id (not the admin's)
   */
  public static String requireEndpointId(String id) {
    if (id == null || !ENDPOINT.matcher(id).matches() || id.equals(Caller.ADMIN_ID)) {
      throw LookupException.invalid(
          "an endpoint id is 1-64 characters of [a-z0-9._-],"
              + " starting with a letter or digit, and not 'admin'; got "
              + quoted(id));
    }
    return id;
  }

  /**
   * @throws LookupException INVALID unless {@code hex} is a blob id
   */
  public static BlobId requireBlobId(String hex) {
    try {
      return new BlobId(hex);
    } catch (IllegalArgumentException e) {
      throw LookupException.invalid(e.getMessage());
    }
  }

  /**
   * @throws LookupException INVALID unless {@code hex} is a block hash
   */
  public static BlockHash requireBlockHash(String hex) {
    try {
      return new BlockHash(hex);
    } catch (IllegalArgumentException e) {
      throw LookupException.invalid(e.getMessage());
    }
  }

  static String quoted(String s) {
    if (s == null) {
      return "nothing";
    }
    return "\"" + (s.length() > 80 ? s.substring(0, 80) + "…" : s) + "\"";
  }
}
