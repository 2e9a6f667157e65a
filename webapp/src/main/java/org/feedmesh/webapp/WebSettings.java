package org.feedmesh.webapp;

import java.time.Duration;
import java.util.Objects;

/**
 * How the browser view behaves, fixed when the server starts.
 *
 * @param sessionIdle a session unused this long ends (default 12 hours)
 * @param sessionMax a session ends this long after sign-in, used or not (default 7 days)
 * @param maxSessions sessions kept at once; signing in beyond it ends the least recently used
 * @param onlineWindow an endpoint seen within this window counts as online (default 2 minutes)
 * @param heartbeat how often live streams get a comment that keeps proxies from closing them
 * @param transferWindow how far back the transfer graph adds up (default 10 minutes)
 */
public record WebSettings(
    Duration sessionIdle,
    Duration sessionMax,
    int maxSessions,
    Duration onlineWindow,
    Duration heartbeat,
    Duration transferWindow) {

  public WebSettings {
    positive("sessionIdle", sessionIdle);
    positive("sessionMax", sessionMax);
    positive("onlineWindow", onlineWindow);
    positive("heartbeat", heartbeat);
    positive("transferWindow", transferWindow);
    if (maxSessions < 1) {
      throw new IllegalArgumentException("maxSessions must be positive, got " + maxSessions);
    }
  }

  public static WebSettings defaults() {
    return new WebSettings(
        Duration.ofHours(12),
        Duration.ofDays(7),
        10_000,
        Duration.ofMinutes(2),
        Duration.ofSeconds(15),
        Duration.ofMinutes(10));
  }

  public WebSettings withHeartbeat(Duration every) {
    return new WebSettings(
        sessionIdle, sessionMax, maxSessions, onlineWindow, every, transferWindow);
  }

  public WebSettings withSessionIdle(Duration idle) {
    return new WebSettings(idle, sessionMax, maxSessions, onlineWindow, heartbeat, transferWindow);
  }

  private static void positive(String name, Duration d) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, got " + d);
    }
  }
}
