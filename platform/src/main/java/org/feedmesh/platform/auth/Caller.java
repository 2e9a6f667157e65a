package org.feedmesh.platform.auth;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.security.Principal;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.feedmesh.platform.http.ApiException;

/**
 * Who made a request, as the {@link Authenticator} found it from the token: the admin, or an
 * endpoint with its rights per namespace and whether it may relay history written by others.
 * Immutable. Its JSON form (what {@code GET /whoami} answers) is {@code
 * {"kind":"endpoint","id":"laptop","namespaces":{"photos":["read","write"]},"relay":false}}.
 *
 * @param kind admin or endpoint
 * @param id the endpoint id; {@value #ADMIN_ID} for the admin
 * @param namespaces rights per namespace name (the admin has every right everywhere)
 * @param relay whether this caller may publish history entries under other endpoints' ids
 */
public record Caller(
    @JsonProperty("kind") Kind kind,
    @JsonProperty("id") String id,
    @JsonProperty("namespaces") Map<String, Set<Access>> namespaces,
    @JsonProperty("relay") boolean relay)
    implements Principal {

  /** The id the admin acts under; no endpoint may have it. */
  public static final String ADMIN_ID = "admin";

  public enum Kind {
    @JsonProperty("admin")
    ADMIN,
    @JsonProperty("endpoint")
    ENDPOINT
  }

  public Caller {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(namespaces, "namespaces");
    if (kind == Kind.ADMIN && !id.equals(ADMIN_ID)) {
      throw new IllegalArgumentException("the admin's id is '" + ADMIN_ID + "', got '" + id + "'");
    }
    if (kind == Kind.ENDPOINT && (id.isBlank() || id.equals(ADMIN_ID))) {
      throw new IllegalArgumentException("an endpoint needs an id other than blank or 'admin'");
    }
    Map<String, Set<Access>> copy = new TreeMap<>();
    namespaces.forEach(
        (ns, rights) -> {
          Objects.requireNonNull(ns, "namespace name");
          Set<Access> r = rights.isEmpty() ? EnumSet.noneOf(Access.class) : EnumSet.copyOf(rights);
          if (!r.isEmpty()) {
            copy.put(ns, Collections.unmodifiableSet(r));
          }
        });
    namespaces = Collections.unmodifiableMap(copy);
  }

  /** The admin: every right on every namespace, may relay. */
  public static Caller admin() {
    return new Caller(Kind.ADMIN, ADMIN_ID, Map.of(), true);
  }

  public static Caller endpoint(String id, Map<String, Set<Access>> namespaces, boolean relay) {
    return new Caller(Kind.ENDPOINT, id, namespaces, relay);
  }

  @JsonIgnore
  public boolean isAdmin() {
    return kind == Kind.ADMIN;
  }

  public boolean canRead(String namespace) {
    return isAdmin() || namespaces.getOrDefault(namespace, Set.of()).contains(Access.READ);
  }

  public boolean canWrite(String namespace) {
    return isAdmin() || namespaces.getOrDefault(namespace, Set.of()).contains(Access.WRITE);
  }

  /** Whether this caller may add history entries with {@code by} set to the given id. */
  public boolean mayPublishAs(String by) {
    return relay || isAdmin() || id.equals(by);
  }

  /**
   * @throws ApiException 403 unless this caller may read the namespace
   */
  public void requireRead(String namespace) {
    if (!canRead(namespace)) {
      throw denied("read", namespace);
    }
  }

  /**
   * @throws ApiException 403 unless this caller may write the namespace
   */
  public void requireWrite(String namespace) {
    if (!canWrite(namespace)) {
      throw denied("write", namespace);
    }
  }

  /**
   * @throws ApiException 403 unless this is the admin
   */
  public void requireAdmin() {
    if (!isAdmin()) {
      throw new ApiException(
          403,
          "this needs the admin token; endpoint '" + id + "' is not the admin",
          Map.of("caller", id));
    }
  }

  /** The endpoint id; the Principal name. */
  @Override
  @JsonIgnore
  public String getName() {
    return id;
  }

  private ApiException denied(String right, String namespace) {
    return new ApiException(
        403,
        "endpoint '" + id + "' may not " + right + " namespace '" + namespace + "'",
        Map.of("caller", id, "namespace", namespace));
  }
}
