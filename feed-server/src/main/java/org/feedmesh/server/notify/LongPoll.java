package org.feedmesh.server.notify;

import jakarta.ws.rs.container.AsyncResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.feedmesh.platform.http.ApiException;

/**
 * Answers a JAX-RS request now or when a cursor advances: the glue between {@code @Suspended
 * AsyncResponse} and {@link CursorWaiters}, plus parsing of the {@code since} and {@code wait}
 * query parameters that every long-poll shares.
 */
public final class LongPoll {
  /** Longest {@code wait} a client may ask for. */
  public static final Duration MAX_WAIT = Duration.ofMinutes(5);

  private final CursorWaiters waiters;

  public LongPoll(CursorWaiters waiters) {
    this.waiters = Objects.requireNonNull(waiters, "waiters");
  }

  /**
   * Resumes {@code response} with {@code answer} as soon as {@code current} is above {@code since},
   * or after {@code wait} (with the same {@code answer}, which then finds nothing new). A client
   * that disconnects is forgotten. {@code answer} runs on a completion thread and may throw: the
   * exception becomes the response, mapped like any other.
   */
  public void answer(
      AsyncResponse response,
      String key,
      long since,
      Duration wait,
      LongSupplier current,
      Supplier<Object> answer) {
    if (wait.isZero() || current.getAsLong() > since) {
      response.resume(answer.get());
      return;
    }
    Runnable resume =
        () -> {
          try {
            response.resume(answer.get());
          } catch (RuntimeException e) {
            response.resume(e);
          }
        };
    CursorWaiters.Waiter w = waiters.await(key, since, wait, current, c -> resume.run(), resume);
    response.register((jakarta.ws.rs.container.ConnectionCallback) r -> w.cancel());
  }

  /** Parses {@code since}: a non-negative cursor, zero-padded or not; absent means 0. */
  public static long since(String value) {
    if (value == null || value.isEmpty()) {
      return 0;
    }
    if (value.length() > 19 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new ApiException(
          400,
          "since must be a cursor (up to 19 digits), got '" + abbreviate(value) + "'",
          Map.of("parameter", "since"));
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new ApiException(
          400, "since is out of range: '" + value + "'", Map.of("parameter", "since"));
    }
  }

  /** Parses {@code wait}: whole seconds from 0 to {@link #MAX_WAIT}; absent means 0. */
  public static Duration waitSeconds(String value) {
    if (value == null || value.isEmpty()) {
      return Duration.ZERO;
    }
    long max = MAX_WAIT.toSeconds();
    if (value.length() > 6
        || !value.chars().allMatch(c -> c >= '0' && c <= '9')
        || Long.parseLong(value) > max) {
      throw new ApiException(
          400,
          "wait must be whole seconds from 0 to " + max + ", got '" + abbreviate(value) + "'",
          Map.of("parameter", "wait"));
    }
    return Duration.ofSeconds(Long.parseLong(value));
  }

  /** Parses a page size {@code limit} in 1..max; absent means {@code fallback}. */
  public static int limit(String value, int fallback, int max) {
    if (value == null || value.isEmpty()) {
      return fallback;
    }
    if (value.length() > 9
        || !value.chars().allMatch(c -> c >= '0' && c <= '9')
        || Integer.parseInt(value) < 1
        || Integer.parseInt(value) > max) {
      throw new ApiException(
          400,
          "limit must be from 1 to " + max + ", got '" + abbreviate(value) + "'",
          Map.of("parameter", "limit"));
    }
    return Integer.parseInt(value);
  }

  private static String abbreviate(String s) {
    String clean = s.replaceAll("\\p{Cntrl}", "?");
    return clean.length() > 40 ? clean.substring(0, 40) + "..." : clean;
  }
}
