package org.feedmesh.server.tickets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.feedmesh.platform.auth.Access;
import org.feedmesh.platform.http.ApiException;
import org.feedmesh.server.accounts.AccountStore;
import org.feedmesh.server.accounts.Endpoint;

/**
 * Issues peer tickets: short-lived credentials, signed with the server's {@link PeerKey}, that an
 * endpoint shows to other endpoints' peer ports to download blocks. A peer checks a ticket with the
 * public key alone, without calling the server. The format (version 1) is described in {@code
 * feed-server/README.md}: {@code base64url(claims) "." base64url(Ed25519 signature of the first
 * part's ASCII bytes)}, base64url without padding, claims {@code
 * {"v":1,"kid":"...","sub":"<endpoint>","ns":["<namespace>",...],"iat":<unix s>,"exp":<unix s>,
 * "aud":"<peer endpoint>"}}; {@code aud} only when asked for, and peers require it.
 *
 * <p>Thread-safe.
 */
public final class TicketIssuer {
  public static final int VERSION = 1;
  public static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(10);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final PeerKey key;
  private final AccountStore accounts;
  private final Clock clock;
  private final Duration lifetime;

  public TicketIssuer(PeerKey key, AccountStore accounts, Clock clock, Duration lifetime) {
    this.key = Objects.requireNonNull(key, "key");
    this.accounts = Objects.requireNonNull(accounts, "accounts");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.lifetime = requireLifetime(lifetime);
  }

  /** Checks a ticket lifetime setting: at least a minute, at most a day. */
  public static Duration requireLifetime(Duration lifetime) {
    Objects.requireNonNull(lifetime, "ticket lifetime");
    if (lifetime.compareTo(Duration.ofMinutes(1)) < 0
        || lifetime.compareTo(Duration.ofDays(1)) > 0) {
      throw new IllegalArgumentException(
          "the peer ticket lifetime must be between 1 minute and 1 day, got " + lifetime);
    }
    return lifetime;
  }

  public PeerKey key() {
    return key;
  }

  /**
   * A ticket for the endpoint naming every namespace it may read now.
   *
   * @throws ApiException 404 for an unknown endpoint, 403 for a revoked one
   */
  public IssuedTicket issue(String endpointId) {
    return issue(endpointId, java.util.Optional.empty());
  }

  /**
   * A ticket that only the peer {@code audience} (an endpoint id) accepts ({@code "aud"}): a peer
   * that is shown the ticket cannot replay it to another peer.
   *
   * @throws ApiException 400 for an audience that is no valid endpoint id
   */
  public IssuedTicket issue(String endpointId, java.util.Optional<String> audience) {
    audience.ifPresent(a -> {
      if (!a.matches("[a-z0-9][a-z0-9._-]{0,63}")) {
        throw ApiException.badRequest("audience must be an endpoint id ([a-z0-9][a-z0-9._-]{0,63})");
      }
    });
    Endpoint endpoint = accounts.requireEndpoint(endpointId);
    if (!endpoint.isActive()) {
      throw new ApiException(
          403,
          "endpoint '" + endpoint.id() + "' is revoked and gets no peer ticket",
          Map.of("endpoint", endpoint.id()));
    }
    List<String> namespaces =
        endpoint.grants().entrySet().stream()
            .filter(g -> g.getValue().access().contains(Access.READ))
            .map(Map.Entry::getKey)
            .sorted()
            .toList();
    Instant issued = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Instant expires = issued.plus(lifetime);
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("v", VERSION);
    claims.put("kid", key.keyId());
    claims.put("sub", endpoint.id());
    claims.put("ns", namespaces);
    claims.put("iat", issued.getEpochSecond());
    claims.put("exp", expires.getEpochSecond());
    audience.ifPresent(a -> claims.put("aud", a));
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String body = b64.encodeToString(json(claims));
    String signature = b64.encodeToString(key.sign(body.getBytes(StandardCharsets.US_ASCII)));
    return new IssuedTicket(
        body + "." + signature, endpoint.id(), namespaces, expires, key.keyId());
  }

  private static byte[] json(Map<String, Object> claims) {
    try {
      return JSON.writeValueAsBytes(claims);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write ticket claims " + claims, e);
    }
  }
}
