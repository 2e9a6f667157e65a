package org.feedmesh.server.hub;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Delay before the next attempt after {@code n} failures in a row: {@code base * 2^(n-1)}, capped
 * at {@code max}, of which a random half is taken away ("equal jitter"), so subscribers that failed
 * together do not all come back at the same instant, and the delay still grows.
 */
public final class Backoff {
  private final Duration base;
  private final Duration max;
  private final RandomGenerator random;

  public Backoff(Duration base, Duration max, RandomGenerator random) {
    this.base = Objects.requireNonNull(base, "base");
    this.max = Objects.requireNonNull(max, "max");
    this.random = Objects.requireNonNull(random, "random");
    if (base.isNegative() || base.isZero() || base.compareTo(max) > 0) {
      throw new IllegalArgumentException("need 0 < base <= max, got " + base + ", " + max);
    }
  }

  /** The delay after {@code failures} failures in a row (1 for the first failure). */
  public Duration after(int failures) {
    if (failures < 1) {
      throw new IllegalArgumentException("failures start at 1, got " + failures);
    }
    long cap = max.toMillis();
    long ceiling = base.toMillis();
    for (int i = 1; i < failures && ceiling < cap; i++) {
      ceiling *= 2;
    }
    ceiling = Math.min(ceiling, cap);
    long half = ceiling / 2;
    return Duration.ofMillis(ceiling - half + (half == 0 ? 0 : random.nextLong(half + 1)));
  }
}
