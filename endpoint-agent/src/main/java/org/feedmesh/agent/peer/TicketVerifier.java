package org.feedmesh.agent.peer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks peer tickets (format version 1, see {@code feed-server/README.md}) with the feed server's
 * Ed25519 public key, without calling the server: {@code base64url(claims) "." base64url(sig)}, the
 * signature over the ASCII bytes of the first part, claims {@code
 * {"v":1,"kid","sub","ns":[...],"iat","exp"}}. A ticket is accepted up to {@link #clockSkew()}
 * after its expiry, because the server's and this machine's clocks differ a little.
 *
 * <p>Thread-safe.
 */
public final class TicketVerifier {
  public static final int VERSION = 1;
  public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(30);

  /** Longer strings are refused before any decoding (a real ticket is a few hundred bytes). */
  static final int MAX_TICKET_LENGTH = 8192;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final PublicKey key;
  private final Clock clock;
  private final Duration clockSkew;
  private final String audience;

  public TicketVerifier(PublicKey key, Clock clock) {
    this(key, clock, DEFAULT_CLOCK_SKEW);
  }

  public TicketVerifier(PublicKey key, Clock clock, Duration clockSkew) {
    this(key, clock, clockSkew, null);
  }

  private TicketVerifier(PublicKey key, Clock clock, Duration clockSkew, String audience) {
    this.audience = audience;
    this.key = Objects.requireNonNull(key, "key");
    if (!"Ed25519".equals(key.getAlgorithm()) && !"EdDSA".equals(key.getAlgorithm())) {
      throw new IllegalArgumentException(
          "peer tickets need an Ed25519 key, got " + key.getAlgorithm());
    }
    this.clock = Objects.requireNonNull(clock, "clock");
    if (clockSkew.isNegative()) {
      throw new IllegalArgumentException("clock skew must not be negative, got " + clockSkew);
    }
    this.clockSkew = clockSkew;
  }

  /**
   * A verifier that accepts only tickets issued for {@code endpointId} ({@code "aud"}): what a peer
   * port uses, so a ticket shown to one peer cannot be replayed to another.
   */
  public TicketVerifier forAudience(String endpointId) {
    return new TicketVerifier(key, clock, clockSkew, Objects.requireNonNull(endpointId, "endpointId"));
  }

  public Duration clockSkew() {
    return clockSkew;
  }

  /**
   * The ticket's content when it is well-formed, signed by the server's key, of version 1 and not
   * expired.
   *
   * @throws InvalidTicketException otherwise, saying why
   */
  public Ticket verify(String ticket) throws InvalidTicketException {
    if (ticket == null || ticket.isEmpty()) {
      throw new InvalidTicketException("no ticket");
    }
    if (ticket.length() > MAX_TICKET_LENGTH) {
      throw new InvalidTicketException("a ticket is at most " + MAX_TICKET_LENGTH + " characters");
    }
    int dot = ticket.indexOf('.');
    if (dot <= 0 || dot != ticket.lastIndexOf('.') || dot == ticket.length() - 1) {
      throw new InvalidTicketException("a ticket is two base64url parts joined by one '.'");
    }
    String body = ticket.substring(0, dot);
    if (!signatureChecked.contains(ticket)) {
      checkSignature(body, decode(ticket.substring(dot + 1), "signature"));
      if (signatureChecked.size() >= SIGNATURE_CACHE) {
        signatureChecked.clear();
      }
      signatureChecked.add(ticket);
    }
    return claims(decode(body, "claims")); // version and expiry are checked on every use
  }

  /**
   * Tickets whose signature was already checked: a peer shows the same ticket for every block it
   * asks for, and an Ed25519 check costs far more than the block request itself.
   */
  private final java.util.Set<String> signatureChecked = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private static final int SIGNATURE_CACHE = 4096;

  /**
   * The ticket's content when {@link #verify} accepts it, else empty: for routes that only need a
   * yes or no (the LAN advertisement's {@code Authorizer} is {@code t ->
   * verifier.check(t).map(Ticket::namespaces)}).
   */
  public Optional<Ticket> check(String ticket) {
    try {
      return Optional.of(verify(ticket));
    } catch (InvalidTicketException e) {
      return Optional.empty();
    }
  }

  private static byte[] decode(String part, String what) throws InvalidTicketException {
    try {
      return Base64.getUrlDecoder().decode(part);
    } catch (IllegalArgumentException e) {
      throw new InvalidTicketException("the ticket's " + what + " is not base64url", e);
    }
  }

  private void checkSignature(String body, byte[] signature) throws InvalidTicketException {
    boolean valid;
    try {
      Signature verifier = Signature.getInstance("Ed25519");
      verifier.initVerify(key);
      verifier.update(body.getBytes(StandardCharsets.US_ASCII));
      valid = verifier.verify(signature);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new InvalidTicketException("the ticket's signature cannot be checked", e);
    }
    if (!valid) {
      throw new InvalidTicketException("the ticket is not signed by the feed server's peer key");
    }
  }

  private Ticket claims(byte[] json) throws InvalidTicketException {
    JsonNode claims;
    try {
      claims = JSON.readTree(json);
    } catch (IOException e) {
      throw new InvalidTicketException("the ticket's claims are not JSON", e);
    }
    if (claims == null || !claims.isObject()) {
      throw new InvalidTicketException("the ticket's claims are not a JSON object");
    }
    JsonNode v = claims.get("v");
    if (v == null || !v.isInt() || v.intValue() != VERSION) {
      throw new InvalidTicketException(
          "ticket version " + v + " is not supported; this agent knows version " + VERSION);
    }
    Instant expires = Instant.ofEpochSecond(number(claims, "exp"));
    Instant now = clock.instant();
    if (now.isAfter(expires.plus(clockSkew))) {
      throw new InvalidTicketException("the ticket expired at " + expires + " (now " + now + ")");
    }
    if (audience != null) {
      JsonNode aud = claims.get("aud");
      if (aud == null || !aud.isTextual() || !aud.textValue().equals(audience)) {
        throw new InvalidTicketException("the ticket is not for this peer (" + audience + "); ask the server "
            + "for a ticket with ?audience=" + audience);
      }
    }
    JsonNode sub = claims.get("sub");
    JsonNode ns = claims.get("ns");
    if (sub == null || !sub.isTextual() || ns == null || !ns.isArray()) {
      throw new InvalidTicketException("the ticket lacks its endpoint (sub) or namespaces (ns)");
    }
    List<String> namespaces = new ArrayList<>();
    for (JsonNode n : ns) {
      if (!n.isTextual()) {
        throw new InvalidTicketException("the ticket's namespaces are not all strings");
      }
      namespaces.add(n.textValue());
    }
    try {
      return new Ticket(sub.textValue(), new HashSet<>(namespaces), expires);
    } catch (IllegalArgumentException e) {
      throw new InvalidTicketException("the ticket's claims are invalid: " + e.getMessage(), e);
    }
  }

  private static long number(JsonNode claims, String name) throws InvalidTicketException {
    JsonNode n = claims.get(name);
    if (n == null || !n.canConvertToLong() || !n.isIntegralNumber()) {
      throw new InvalidTicketException("the ticket's '" + name + "' is not a whole number");
    }
    long value = n.longValue();
    if (value < 0 || value > Instant.MAX.getEpochSecond()) {
      throw new InvalidTicketException("the ticket's '" + name + "' is out of range");
    }
    return value;
  }
}
