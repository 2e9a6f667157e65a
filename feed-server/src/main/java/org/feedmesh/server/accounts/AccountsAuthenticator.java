package org.feedmesh.server.accounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.feedmesh.platform.auth.Authenticator;
import org.feedmesh.platform.auth.Caller;
import org.feedmesh.platform.auth.Tokens;

/**
 * Tokens of the feed server's own accounts: the admin token (hash compared in constant time) and
 * active endpoints' tokens (looked up by hash). Records each endpoint's last-seen time, at most
 * once per {@link #TOUCH_INTERVAL} so busy endpoints do not write on every request.
 */
public final class AccountsAuthenticator implements Authenticator {
  public static final Duration TOUCH_INTERVAL = Duration.ofSeconds(10);

  private final AccountStore store;
  private final Clock clock;
  private final byte[] adminHash;
  private final Map<String, Instant> lastTouched = new ConcurrentHashMap<>();

  public AccountsAuthenticator(AccountStore store, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    // Written once on first start (AdminToken.ensure runs before this is built), never changed.
    this.adminHash =
        store.adminTokenHash().map(h -> h.getBytes(StandardCharsets.US_ASCII)).orElse(null);
  }

  @Override
  public Optional<Caller> authenticate(String token) {
    if (token == null || !token.startsWith(Tokens.PREFIX) || token.length() > 256) {
      return Optional.empty();
    }
    String hash = Tokens.hash(token);
    if (adminHash != null
        && MessageDigest.isEqual(hash.getBytes(StandardCharsets.US_ASCII), adminHash)) {
      return Optional.of(Caller.admin());
    }
    return store
        .activeEndpointByTokenHash(hash)
        .map(
            endpoint -> {
              touch(endpoint.id());
              return endpoint.caller();
            });
  }

  private void touch(String id) {
    Instant now = clock.instant();
    Instant last = lastTouched.get(id);
    if (last == null || !now.isBefore(last.plus(TOUCH_INTERVAL))) {
      lastTouched.put(id, now);
      store.touch(id, now);
    }
  }
}
