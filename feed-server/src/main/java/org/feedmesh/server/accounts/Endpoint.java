package org.feedmesh.server.accounts;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.feedmesh.platform.auth.Caller;

/**
 * A device registered by the admin. Its token is never kept, only the token's hash (in the store).
 *
 * @param id the endpoint's name; also the {@code by} of the history entries it writes
 * @param revoked when the admin revoked it (its token stopped working then); empty while active
 * @param lastSeen the last time its token was used (updated at most every few seconds)
 * @param grants rights and applied cursor per namespace
 * @param addresses peer URLs it last announced, in its order
 */
public record Endpoint(
    String id,
    String displayName,
    Instant created,
    Optional<Instant> revoked,
    boolean relay,
    Optional<Instant> lastSeen,
    Map<String, Grant> grants,
    List<String> addresses) {

  public Endpoint {
    Names.endpointId(id);
    Names.displayName(displayName);
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(revoked, "revoked");
    Objects.requireNonNull(lastSeen, "lastSeen");
    grants = Collections.unmodifiableMap(new TreeMap<>(grants));
    addresses = List.copyOf(addresses);
  }

  public boolean isActive() {
    return revoked.isEmpty();
  }

  /** The caller this endpoint's token stands for. */
  public Caller caller() {
    Map<String, java.util.Set<org.feedmesh.platform.auth.Access>> rights = new TreeMap<>();
    grants.forEach((ns, g) -> rights.put(ns, g.access()));
    return Caller.endpoint(id, rights, relay);
  }
}
