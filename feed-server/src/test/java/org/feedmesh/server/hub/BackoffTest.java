package org.feedmesh.server.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Random;
import java.util.random.RandomGenerator;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private static final Duration BASE = Duration.ofSeconds(5);
  private static final Duration MAX = Duration.ofMinutes(15);

  /** Always the top (or bottom) of the jitter range. */
  private static RandomGenerator fixed(boolean top) {
    return new RandomGenerator() {
      @Override
      public long nextLong() {
        return 0;
      }

      @Override
      public long nextLong(long bound) {
        return top ? bound - 1 : 0;
      }
    };
  }

  @Test
  void theDelayDoublesPerFailureUpToTheCap() {
    Backoff top = new Backoff(BASE, MAX, fixed(true));
    assertEquals(Duration.ofSeconds(5), top.after(1));
    assertEquals(Duration.ofSeconds(10), top.after(2));
    assertEquals(Duration.ofSeconds(20), top.after(3));
    assertEquals(MAX, top.after(9));
    assertEquals(MAX, top.after(Integer.MAX_VALUE));
  }

  @Test
  void jitterTakesAtMostHalfAway() {
    Backoff bottom = new Backoff(BASE, MAX, fixed(false));
    assertEquals(Duration.ofMillis(2500), bottom.after(1));
    assertEquals(MAX.dividedBy(2), bottom.after(20));
  }

  @Property
  void delaysStayWithinHalfAndAllOfTheirCeiling(
      @ForAll @IntRange(min = 1, max = 64) int failures, @ForAll @LongRange(min = 0) long seed) {
    Backoff backoff = new Backoff(BASE, MAX, new Random(seed));
    long ceiling = Math.min(MAX.toMillis(), BASE.toMillis() << Math.min(failures - 1, 20));
    long delay = backoff.after(failures).toMillis();
    assertTrue(delay >= ceiling / 2 && delay <= ceiling, delay + " vs ceiling " + ceiling);
  }

  @Test
  void nonsenseIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new Backoff(MAX, BASE, new Random()));
    assertThrows(
        IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, MAX, new Random()));
    assertThrows(
        IllegalArgumentException.class, () -> new Backoff(BASE, MAX, new Random()).after(0));
  }
}
