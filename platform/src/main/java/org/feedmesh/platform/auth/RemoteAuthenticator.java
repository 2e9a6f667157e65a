package org.feedmesh.platform.auth;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.feedmesh.platform.http.ApiException;

/**
 * Authenticates tokens by asking a feed server's {@code GET /whoami} (what a standalone blob lookup
 * does: the feed server owns the accounts). Answers are cached by token hash for {@code ttl}, so a
 * revoked token keeps working here for at most that long; unknown tokens are cached too, so a flood
 * of bad tokens does not flood the feed server.
 *
 * <p>When the feed server cannot be asked, {@link #authenticate} throws {@link ApiException} 503
 * instead of pretending the token is unknown.
 */
public final class RemoteAuthenticator implements Authenticator {
  /** Entries kept before the cache is cleared wholesale; bounds memory under token floods. */
  static final int MAX_ENTRIES = 10_000;

  private final HttpUrl whoami;
  private final OkHttpClient http;
  private final Duration ttl;
  private final Clock clock;
  private final ObjectMapper json =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  private final Map<String, Entry> cache = new ConcurrentHashMap<>();

  private record Entry(Optional<Caller> caller, Instant expires) {}

  /**
   * @param feedServer base URL of the feed server, e.g. {@code http://127.0.0.1:8080/}
   * @param ttl how long an answer is reused; zero asks every time
   */
  public RemoteAuthenticator(URI feedServer, OkHttpClient http, Duration ttl, Clock clock) {
    HttpUrl base = HttpUrl.parse(Objects.requireNonNull(feedServer, "feedServer").toString());
    if (base == null) {
      throw new IllegalArgumentException("feed server must be an http(s) URL, got " + feedServer);
    }
    this.whoami = base.newBuilder().addPathSegment("whoami").build();
    this.http = Objects.requireNonNull(http, "http");
    this.ttl = Objects.requireNonNull(ttl, "ttl");
    if (ttl.isNegative()) {
      throw new IllegalArgumentException("ttl must not be negative, got " + ttl);
    }
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public Optional<Caller> authenticate(String token) {
    String key = Tokens.hash(token);
    Instant now = clock.instant();
    Entry cached = cache.get(key);
    if (cached != null && now.isBefore(cached.expires())) {
      return cached.caller();
    }
    Optional<Caller> caller = ask(token);
    if (!ttl.isZero()) {
      if (cache.size() >= MAX_ENTRIES) {
        cache.clear();
      }
      cache.put(key, new Entry(caller, now.plus(ttl)));
    }
    return caller;
  }

  private Optional<Caller> ask(String token) {
    Request request =
        new Request.Builder()
            .url(whoami)
            .header("Authorization", "Bearer " + token)
            .header("Accept", "application/json")
            .build();
    try (Response response = http.newCall(request).execute()) {
      if (response.code() == 401) {
        return Optional.empty();
      }
      if (!response.isSuccessful()) {
        throw unavailable("it answered " + response.code(), null);
      }
      return Optional.of(json.readValue(response.body().byteStream(), Caller.class));
    } catch (IOException e) {
      throw unavailable(e.getMessage(), e);
    }
  }

  private ApiException unavailable(String why, Throwable cause) {
    return new ApiException(
        503,
        "cannot check the token with the feed server at " + whoami + ": " + why,
        Map.of(),
        cause);
  }
}
