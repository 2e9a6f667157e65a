package org.feedmesh.agent.lan;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Run by {@link LanNetnsTest} inside a network namespace: advertises three endpoints every 250 ms
 * for at most 60 s, each through one kind of target of the production settings: {@code bcast}
 * (255.255.255.255 and every interface's broadcast address), {@code mcast4} (the IPv4 group on
 * every multicast interface) and {@code mcast6} (the IPv6 group).
 *
 * <p>Usage: {@code NetnsSenderMain PORT}
 */
public final class NetnsSenderMain {
  private NetnsSenderMain() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    SecureRandom random = new SecureRandom();
    LanSettings.Builder base = LanSettings.builder().port(port).interval(Duration.ofMillis(250));
    LanSettings bcast = base.multicastGroups(List.of()).build();
    LanSettings mcast4 =
        base.broadcast(List.of())
            .interfaceBroadcasts(false)
            .multicastGroups(List.of(LanSettings.DEFAULT_IPV4_GROUP))
            .build();
    LanSettings mcast6 = base.multicastGroups(List.of(LanSettings.DEFAULT_IPV6_GROUP)).build();
    Map<String, Long> cursors = Map.of("photos", 42L);
    try (LanAnnouncer a =
            LanAnnouncer.start(bcast, Advertisement.of("bcast", random.nextLong(), 7000, cursors));
        LanAnnouncer b =
            LanAnnouncer.start(
                mcast4, Advertisement.of("mcast4", random.nextLong(), 7000, cursors));
        LanAnnouncer c =
            LanAnnouncer.start(
                mcast6, Advertisement.of("mcast6", random.nextLong(), 7000, cursors))) {
      System.out.println("NETNS SENDING");
      System.out.flush();
      Thread.sleep(60_000);
    }
  }
}
