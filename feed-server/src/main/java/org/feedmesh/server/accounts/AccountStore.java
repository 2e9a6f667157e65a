package org.feedmesh.server.accounts;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.feedmesh.platform.auth.Access;
import org.feedmesh.platform.db.Database;
import org.feedmesh.platform.db.DatabaseException;
import org.feedmesh.platform.http.ApiException;

/**
 * Namespaces, endpoints, their grants and announced addresses, and the admin credential, in H2.
 * Failures a client caused are {@link ApiException}s (400 invalid, 404 unknown, 409 duplicate); a
 * refused change stores nothing. Thread-safe.
 */
public final class AccountStore {
  /** Announced peer addresses kept per endpoint. */
  public static final int MAX_ADDRESSES = 16;

  private final Database db;
  private final Clock clock;

  public AccountStore(Database db, Clock clock) {
    this.db = Objects.requireNonNull(db, "db");
    this.clock = Objects.requireNonNull(clock, "clock");
    db.migrate(AccountsSchema.MIGRATIONS);
  }

  // ---- namespaces

  public Namespace createNamespace(String name) {
    String valid = valid(() -> Names.namespace(name));
    Instant now = clock.instant();
    try {
      db.transaction(
          c ->
              update(
                  c, "INSERT INTO namespace (name, created_at) VALUES (?, ?)", valid, time(now)));
    } catch (DatabaseException e) {
      if (e.isDuplicateKey()) {
        throw new ApiException(
            409, "namespace '" + valid + "' already exists", Map.of("namespace", valid));
      }
      throw e;
    }
    return new Namespace(valid, now, 0);
  }

  public List<Namespace> namespaces() {
    return db.read(
        c -> {
          try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT name, created_at, last_cursor FROM namespace ORDER BY name");
              ResultSet rs = ps.executeQuery()) {
            List<Namespace> out = new ArrayList<>();
            while (rs.next()) {
              out.add(namespace(rs));
            }
            return out;
          }
        });
  }

  public Optional<Namespace> namespace(String name) {
    return db.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT name, created_at, last_cursor FROM namespace WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(namespace(rs)) : Optional.empty();
            }
          }
        });
  }

  /** The namespace, or 404 naming it. */
  public Namespace requireNamespace(String name) {
    return namespace(name)
        .orElseThrow(
            () ->
                new ApiException(
                    404,
                    "namespace '" + Names.abbreviate(String.valueOf(name)) + "' does not exist",
                    Map.of("namespace", Names.abbreviate(String.valueOf(name)))));
  }

  // ---- endpoints

  /**
   * Registers an endpoint with the hash of its new token.
   *
   * @throws ApiException 400 for invalid names or unknown namespaces, 409 if the id was ever used
   */
  public Endpoint createEndpoint(
      String id, String displayName, Map<String, Grant> grants, boolean relay, String tokenHash) {
    String validId = valid(() -> Names.endpointId(id));
    String validName = valid(() -> Names.displayName(displayName == null ? validId : displayName));
    Objects.requireNonNull(tokenHash, "tokenHash");
    Instant now = clock.instant();
    try {
      db.transaction(
          c -> {
            update(
                c,
                "INSERT INTO endpoint (id, display_name, token_hash, created_at, relay) "
                    + "VALUES (?, ?, ?, ?, ?)",
                validId,
                validName,
                tokenHash,
                time(now),
                relay);
            for (Map.Entry<String, Grant> g : grants.entrySet()) {
              requireNamespaceIn(c, g.getKey());
              putGrant(c, validId, g.getKey(), g.getValue().access());
            }
            return null;
          });
    } catch (DatabaseException e) {
      if (e.isDuplicateKey()) {
        throw new ApiException(
            409,
            "endpoint '"
                + validId
                + "' already exists (ids of revoked "
                + "endpoints are not reused)",
            Map.of("endpoint", validId));
      }
      throw e;
    }
    return requireEndpoint(validId);
  }

  public List<Endpoint> endpoints() {
    return db.read(c -> loadEndpoints(c, "", List.of()));
  }

  public Optional<Endpoint> endpoint(String id) {
    return db.read(c -> loadEndpoints(c, "WHERE e.id = ?", List.of(id))).stream().findFirst();
  }

  /** The endpoint, or 404 naming it. */
  public Endpoint requireEndpoint(String id) {
    return endpoint(id)
        .orElseThrow(
            () ->
                new ApiException(
                    404,
                    "endpoint '" + Names.abbreviate(String.valueOf(id)) + "' does not exist",
                    Map.of("endpoint", Names.abbreviate(String.valueOf(id)))));
  }

  /** Active (not revoked) endpoints with any right on the namespace. */
  public List<Endpoint> endpointsOf(String namespace) {
    return db.read(
        c ->
            loadEndpoints(
                c,
                "WHERE e.revoked_at IS NULL AND EXISTS (SELECT 1 FROM endpoint_namespace g "
                    + "WHERE g.endpoint_id = e.id AND g.namespace = ?)",
                List.of(namespace)));
  }

  /** The active endpoint whose token has this hash. */
  public Optional<Endpoint> activeEndpointByTokenHash(String tokenHash) {
    return db
        .read(
            c ->
                loadEndpoints(
                    c, "WHERE e.token_hash = ? AND e.revoked_at IS NULL", List.of(tokenHash)))
        .stream()
        .findFirst();
  }

  /** Revokes the endpoint: its token stops working at once. Revoking twice changes nothing. */
  public Endpoint revokeEndpoint(String id) {
    requireEndpoint(id);
    db.transaction(
        c ->
            update(
                c,
                "UPDATE endpoint SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                time(clock.instant()),
                id));
    return requireEndpoint(id);
  }

  public Endpoint setRelay(String id, boolean relay) {
    requireEndpoint(id);
    db.transaction(c -> update(c, "UPDATE endpoint SET relay = ? WHERE id = ?", relay, id));
    return requireEndpoint(id);
  }

  /** Gives the endpoint exactly these rights on the namespace (replacing earlier ones). */
  public Endpoint grant(String id, String namespace, Set<Access> access) {
    if (access.isEmpty()) {
      throw ApiException.badRequest("a grant needs read and/or write access");
    }
    requireEndpoint(id);
    db.transaction(
        c -> {
          requireNamespaceIn(c, namespace);
          putGrant(c, id, namespace, access);
          return null;
        });
    return requireEndpoint(id);
  }

  public Endpoint ungrant(String id, String namespace) {
    requireEndpoint(id);
    db.transaction(
        c ->
            update(
                c,
                "DELETE FROM endpoint_namespace WHERE endpoint_id = ? AND namespace = ?",
                id,
                namespace));
    return requireEndpoint(id);
  }

  /** Records that the endpoint was seen at {@code when}. */
  public void touch(String id, Instant when) {
    db.read(c -> update(c, "UPDATE endpoint SET last_seen_at = ? WHERE id = ?", time(when), id));
  }

  /**
   * Replaces the endpoint's announced peer addresses (when {@code addresses} is present) and raises
   * its applied cursors (a cursor never goes back). Cursors only for namespaces it may read.
   */
  public Endpoint announce(String id, Optional<List<String>> addresses, Map<String, Long> cursors) {
    Endpoint e = requireEndpoint(id);
    List<String> valid = addresses.map(AccountStore::validAddresses).orElse(null);
    for (Map.Entry<String, Long> cursor : cursors.entrySet()) {
      Grant g = e.grants().get(cursor.getKey());
      if (g == null || !g.access().contains(Access.READ)) {
        throw new ApiException(
            403,
            "endpoint '"
                + id
                + "' may not read namespace '"
                + Names.abbreviate(cursor.getKey())
                + "'",
            Map.of("namespace", cursor.getKey()));
      }
      if (cursor.getValue() == null || cursor.getValue() < 0) {
        throw ApiException.badRequest("cursor for '" + cursor.getKey() + "' must be >= 0");
      }
    }
    Instant now = clock.instant();
    db.transaction(
        c -> {
          if (valid != null) {
            update(c, "DELETE FROM endpoint_address WHERE endpoint_id = ?", id);
            for (int i = 0; i < valid.size(); i++) {
              update(
                  c,
                  "INSERT INTO endpoint_address (endpoint_id, position, address, announced_at) "
                      + "VALUES (?, ?, ?, ?)",
                  id,
                  i,
                  valid.get(i),
                  time(now));
            }
          }
          for (Map.Entry<String, Long> cursor : cursors.entrySet()) {
            update(
                c,
                "UPDATE endpoint_namespace SET applied_cursor = GREATEST(applied_cursor, ?) "
                    + "WHERE endpoint_id = ? AND namespace = ?",
                cursor.getValue(),
                id,
                cursor.getKey());
          }
          update(c, "UPDATE endpoint SET last_seen_at = ? WHERE id = ?", time(now), id);
          return null;
        });
    return requireEndpoint(id);
  }

  // ---- admin credential

  public Optional<String> adminTokenHash() {
    return db.read(
        c -> {
          try (PreparedStatement ps =
                  c.prepareStatement("SELECT token_hash FROM admin_credential WHERE id = 1");
              ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
          }
        });
  }

  /** Stores the admin token's hash, replacing any earlier one. */
  public void setAdminTokenHash(String tokenHash) {
    db.transaction(
        c ->
            update(
                c,
                "MERGE INTO admin_credential (id, token_hash, created_at) "
                    + "KEY (id) VALUES (1, ?, ?)",
                tokenHash,
                time(clock.instant())));
  }

  // ---- internals

  private static List<String> validAddresses(List<String> addresses) {
    if (addresses.size() > MAX_ADDRESSES) {
      throw ApiException.badRequest(
          "at most " + MAX_ADDRESSES + " peer addresses, got " + addresses.size());
    }
    List<String> out = new ArrayList<>();
    for (String a : addresses) {
      out.add(valid(() -> PeerAddress.validate(a)));
    }
    return out;
  }

  private static <T> T valid(java.util.function.Supplier<T> check) {
    try {
      return check.get();
    } catch (IllegalArgumentException e) {
      throw new ApiException(400, e.getMessage(), Map.of(), e);
    }
  }

  private static void requireNamespaceIn(Connection c, String namespace) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM namespace WHERE name = ?")) {
      ps.setString(1, namespace);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new ApiException(
              400,
              "namespace '"
                  + Names.abbreviate(String.valueOf(namespace))
                  + "' does not exist; create it first",
              Map.of("namespace", Names.abbreviate(String.valueOf(namespace))));
        }
      }
    }
  }

  private static void putGrant(Connection c, String id, String ns, Set<Access> access)
      throws SQLException {
    update(
        c,
        "MERGE INTO endpoint_namespace (endpoint_id, namespace, can_read, can_write) "
            + "KEY (endpoint_id, namespace) VALUES (?, ?, ?, ?)",
        id,
        ns,
        access.contains(Access.READ),
        access.contains(Access.WRITE));
  }

  private static List<Endpoint> loadEndpoints(Connection c, String where, List<Object> args)
      throws SQLException {
    Map<String, Object[]> rows = new LinkedHashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT e.id, e.display_name, e.created_at, "
                + "e.revoked_at, e.relay, e.last_seen_at FROM endpoint e "
                + where
                + " ORDER BY e.id")) {
      bind(ps, args.toArray());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.put(
              rs.getString(1),
              new Object[] {
                rs.getString(2), instant(rs, 3), instant(rs, 4), rs.getBoolean(5), instant(rs, 6)
              });
        }
      }
    }
    if (rows.isEmpty()) {
      return List.of();
    }
    Map<String, Map<String, Grant>> grants = new HashMap<>();
    Map<String, List<String>> addresses = new HashMap<>();
    String ids = "SELECT e.id FROM endpoint e " + where;
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT endpoint_id, namespace, can_read, "
                + "can_write, applied_cursor FROM endpoint_namespace WHERE endpoint_id IN ("
                + ids
                + ")")) {
      bind(ps, args.toArray());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Set<Access> access = EnumSet.noneOf(Access.class);
          if (rs.getBoolean(3)) {
            access.add(Access.READ);
          }
          if (rs.getBoolean(4)) {
            access.add(Access.WRITE);
          }
          if (!access.isEmpty()) {
            grants
                .computeIfAbsent(rs.getString(1), k -> new HashMap<>())
                .put(rs.getString(2), new Grant(access, rs.getLong(5)));
          }
        }
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT endpoint_id, address FROM "
                + "endpoint_address WHERE endpoint_id IN ("
                + ids
                + ") ORDER BY endpoint_id, position")) {
      bind(ps, args.toArray());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          addresses.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
        }
      }
    }
    List<Endpoint> out = new ArrayList<>();
    rows.forEach(
        (id, r) ->
            out.add(
                new Endpoint(
                    id,
                    (String) r[0],
                    (Instant) r[1],
                    Optional.ofNullable((Instant) r[2]),
                    (Boolean) r[3],
                    Optional.ofNullable((Instant) r[4]),
                    grants.getOrDefault(id, Map.of()),
                    addresses.getOrDefault(id, List.of()))));
    return out;
  }

  private static Namespace namespace(ResultSet rs) throws SQLException {
    return new Namespace(rs.getString(1), instant(rs, 2), rs.getLong(3));
  }

  private static int update(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, args);
      return ps.executeUpdate();
    }
  }

  private static void bind(PreparedStatement ps, Object[] args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      ps.setObject(i + 1, args[i]);
    }
  }

  static OffsetDateTime time(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  static Instant instant(ResultSet rs, int column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }
}
