package org.feedmesh.agent.peer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This agent's peer ticket and the server's peer key, fetched from the feed server ({@code POST
 * /endpoints/self/ticket}, {@code GET /peer-key}) with the endpoint's token.
 *
 * <p>The ticket is renewed once two thirds of its lifetime have passed, so callers always get one
 * with time left; while one thread renews, others keep getting the current ticket. When renewing
 * fails, the current ticket is used until it expires. With several server URLs (primary, standby)
 * each is tried in order, starting from the one that answered last. Thread-safe.
 */
public final class TicketSource implements Supplier<String> {
  private static final Logger log = LoggerFactory.getLogger(TicketSource.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private record Held(String ticket, Instant fetched, Instant expires) {
    Instant renewAt() {
      return fetched.plus(Duration.between(fetched, expires).multipliedBy(2).dividedBy(3));
    }
  }

  private final OkHttpClient http;
  private final List<URI> servers;
  private final String token;
  private final Clock clock;
  private final ReentrantLock renewing = new ReentrantLock();
  private volatile Held held;
  private volatile PublicKey key;
  private volatile int preferred;
  private final String audience;
  private final java.util.Map<String, TicketSource> byAudience = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * @param servers the feed server's base URLs, primary first
   * @param token this endpoint's token
   */
  public TicketSource(OkHttpClient http, List<URI> servers, String token, Clock clock) {
    this(http, servers, token, clock, null);
  }

  private TicketSource(OkHttpClient http, List<URI> servers, String token, Clock clock, String audience) {
    this.audience = audience;
    this.http = Objects.requireNonNull(http, "http");
    if (servers.isEmpty()) {
      throw new IllegalArgumentException("a ticket source needs at least one server URL");
    }
    this.servers = servers.stream().map(TicketSource::withSlash).toList();
    this.token = Objects.requireNonNull(token, "token");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  private static URI withSlash(URI u) {
    String s = u.toString();
    return s.endsWith("/") ? u : URI.create(s + "/");
  }

  /**
   * A ticket with time left, renewed when due.
   *
   * @throws IOException when no server issues one and the last one expired
   */
  public String ticket() throws IOException {
    Held h = held;
    Instant now = clock.instant();
    if (h != null && now.isBefore(h.renewAt())) {
      return h.ticket;
    }
    boolean valid = h != null && now.isBefore(h.expires);
    if (valid && !renewing.tryLock()) {
      return h.ticket; // another thread is renewing
    } else if (!valid) {
      renewing.lock();
    }
    try {
      Held current = held;
      if (current != null && clock.instant().isBefore(current.renewAt())) {
        return current.ticket;
      }
      try {
        held = fetchTicket();
        return held.ticket;
      } catch (IOException e) {
        if (current != null && clock.instant().isBefore(current.expires)) {
          log.warn(
              "could not renew the peer ticket, using the current one until {}: {}",
              current.expires,
              e.getMessage());
          return current.ticket;
        }
        throw e;
      }
    } finally {
      renewing.unlock();
    }
  }

  /** {@link #ticket()}, with an I/O failure as {@link UncheckedIOException}. */
  @Override
  public String get() {
    try {
      return ticket();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The ticket to show the peer {@code endpointId}: bound to it ({@code ?audience=}), renewed like
   * this source's own, so that peer cannot replay it elsewhere.
   */
  public String ticketFor(String endpointId) {
    return byAudience
        .computeIfAbsent(endpointId, id -> new TicketSource(http, servers, token, clock, id))
        .get();
  }

  /** The server's peer key, fetched once. */
  public PublicKey peerKey() throws IOException {
    PublicKey k = key;
    if (k == null) {
      k = fetchKey();
      key = k;
    }
    return k;
  }

  /** A verifier of other endpoints' tickets with the server's key and this source's clock. */
  public TicketVerifier verifier() throws IOException {
    return new TicketVerifier(peerKey(), clock);
  }

  private Held fetchTicket() throws IOException {
    Instant fetched = clock.instant();
    String path = "endpoints/self/ticket"
        + (audience == null ? "" : "?audience=" + java.net.URLEncoder.encode(audience, java.nio.charset.StandardCharsets.UTF_8));
    JsonNode answer = call(path, RequestBody.create(new byte[0]));
    JsonNode ticket = answer.get("ticket");
    JsonNode expires = answer.get("expires");
    if (ticket == null || !ticket.isTextual() || expires == null || !expires.isTextual()) {
      throw new IOException("the feed server's ticket answer lacks 'ticket' or 'expires'");
    }
    try {
      return new Held(ticket.textValue(), fetched, Instant.parse(expires.textValue()));
    } catch (DateTimeParseException e) {
      throw new IOException("the feed server's ticket expiry is not RFC 3339: " + expires, e);
    }
  }

  private PublicKey fetchKey() throws IOException {
    JsonNode answer = call("peer-key", null);
    if (!"Ed25519".equals(answer.path("algorithm").asText())) {
      throw new IOException(
          "the feed server's peer key is not Ed25519: " + answer.get("algorithm"));
    }
    try {
      byte[] x509 = Base64.getDecoder().decode(answer.path("key").asText());
      return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(x509));
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      throw new IOException("the feed server's peer key cannot be decoded", e);
    }
  }

  private JsonNode call(String path, RequestBody postBody) throws IOException {
    IOException failure = null;
    int start = preferred;
    for (int i = 0; i < servers.size(); i++) {
      int index = (start + i) % servers.size();
      URI url = servers.get(index).resolve(path);
      Request.Builder request =
          new Request.Builder().url(url.toString()).header("Authorization", "Bearer " + token);
      request.method(postBody == null ? "GET" : "POST", postBody);
      try (Response r = http.newCall(request.build()).execute()) {
        String body = r.body().string();
        if (!r.isSuccessful()) {
          throw new IOException(url + " answered " + r.code() + ": " + body);
        }
        preferred = index;
        return JSON.readTree(body);
      } catch (IOException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    throw failure;
  }
}
