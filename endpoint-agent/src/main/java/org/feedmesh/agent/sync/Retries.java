package org.feedmesh.agent.sync;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Versions that could not be applied yet (their content was not reachable, say), each with when
 * to try it again: 2 s after its first failure, the pause doubling with each further failure of the
 * same version, up to a minute. A new version of the path starts afresh.
 *
 * <p>Used by the sync thread only.
 */
final class Retries {
  /** The first pause before a version is tried again; it doubles with each failure, up to a minute. */
  static final long FIRST_NANOS = 2_000_000_000L;
  static final long MAX_NANOS = 60_000_000_000L;

  /** A version ({@code updates}) tried {@code attempts} times so far, next when {@code due} (nanoTime). */
  record Retry(int updates, int attempts, long due) {}

  private final Map<String, Retry> waiting = new LinkedHashMap<>();
  /** The entries being tried again right now (see {@link #takeDue}). */
  private Map<String, Retry> trying = Map.of();

  /** {@code path}'s version {@code updates} is to be tried now, as if for the first time. */
  void now(String path, int updates) {
    waiting.put(path, new Retry(updates, 0, System.nanoTime()));
  }

  /** Takes the entries whose pause is over; they count as being tried until {@link #done}. */
  Map<String, Retry> takeDue() {
    long now = System.nanoTime();
    Map<String, Retry> due = new LinkedHashMap<>();
    waiting.entrySet().removeIf(e -> {
      if (e.getValue().due() - now > 0) {
        return false;
      }
      due.put(e.getKey(), e.getValue());
      return true;
    });
    trying = due;
    return due;
  }

  /** The entries of the last {@link #takeDue} were tried (or, with {@code putBack}, not at all). */
  void done(boolean putBack) {
    if (putBack) {
      waiting.putAll(trying);
    }
    trying = Map.of();
  }

  /**
   * {@code path}'s version {@code updates} failed: it is tried again after a pause that doubles with
   * each failure of the same version. Returns its entry ({@code attempts} 1 is a first failure).
   */
  Retry later(String path, int updates) {
    Retry before = trying.containsKey(path) ? trying.get(path) : waiting.get(path);
    int attempts = before != null && before.updates() == updates ? before.attempts() + 1 : 1;
    Retry next = new Retry(updates, attempts, System.nanoTime() + pauseNanos(attempts));
    waiting.put(path, next);
    return next;
  }

  int count() {
    return waiting.size();
  }

  /** The pause before the next try of a version that has failed {@code attempts} times. */
  static long pauseNanos(int attempts) {
    return Math.min(FIRST_NANOS << Math.min(attempts - 1, 5), MAX_NANOS);
  }
}
