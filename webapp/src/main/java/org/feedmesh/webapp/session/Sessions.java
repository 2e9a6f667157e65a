package org.feedmesh.webapp.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.feedmesh.platform.auth.Caller;
import org.feedmesh.webapp.WebSettings;

/**
 * Browser sessions, in memory (a restart signs everybody out). A session id is 256 random bits,
 * sent only in the HttpOnly cookie; the map is keyed by its SHA-256, so a memory dump holds no
 * usable id. Sessions end when idle for {@link WebSettings#sessionIdle()}, {@link
 * WebSettings#sessionMax()} after sign-in, or on sign-out. Thread-safe.
 */
public final class Sessions {
  private final WebSettings settings;
  private final Clock clock;
  private final SecureRandom random;
  private final Map<String, Entry> byKey = new ConcurrentHashMap<>();

  private static final class Entry {
    final Session session;
    volatile Instant lastUsed;

    Entry(Session session) {
      this.session = session;
      this.lastUsed = session.started();
    }
  }

  /** A new session: the id for the cookie (shown once) and the session. */
  public record Started(String id, Session session) {}

  public Sessions(WebSettings settings, Clock clock, SecureRandom random) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
  }

  public Started start(Caller caller) {
    Instant now = clock.instant();
    String id = randomToken();
    Session s =
        new Session(key(id), caller.kind(), caller.id(), randomToken(), now);
    makeRoom(now);
    byKey.put(s.key(), new Entry(s));
    return new Started(id, s);
  }

  /** The live session with this cookie id, marked used now; empty when unknown or expired. */
  public Optional<Session> find(String id) {
    if (id == null || id.isEmpty() || id.length() > 100) {
      return Optional.empty();
    }
    String key = key(id);
    Entry e = byKey.get(key);
    Instant now = clock.instant();
    if (e == null) {
      return Optional.empty();
    }
    if (expired(e, now)) {
      byKey.remove(key, e);
      return Optional.empty();
    }
    e.lastUsed = now;
    return Optional.of(e.session);
  }

  /** Whether the session (by key) is still live, without marking it used. */
  public boolean isLive(String key) {
    Entry e = byKey.get(key);
    return e != null && !expired(e, clock.instant());
  }

  /** Ends the session; ending an unknown one does nothing. */
  public void end(Session session) {
    byKey.remove(session.key());
  }

  public int size() {
    return byKey.size();
  }

  private boolean expired(Entry e, Instant now) {
    return !now.isBefore(e.lastUsed.plus(settings.sessionIdle()))
        || !now.isBefore(e.session.started().plus(settings.sessionMax()));
  }

  private void makeRoom(Instant now) {
    if (byKey.size() < settings.maxSessions()) {
      return;
    }
    byKey.values().removeIf(e -> expired(e, now));
    while (byKey.size() >= settings.maxSessions()) {
      byKey.values().stream()
          .min(Comparator.comparing((Entry e) -> e.lastUsed))
          .ifPresent(oldest -> byKey.remove(oldest.session.key(), oldest));
    }
  }

  private String randomToken() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static String key(String id) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
