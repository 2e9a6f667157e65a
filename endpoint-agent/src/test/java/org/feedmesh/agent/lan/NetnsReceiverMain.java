package org.feedmesh.agent.lan;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Run by {@link LanNetnsTest} inside a network namespace: listens with the production default
 * settings (plus the IPv4 group) on the given port and reports on stdout each endpoint it finds and
 * the address it heard it from. Exits 0 once every expected endpoint was seen, 2 after 60 s.
 *
 * <p>Usage: {@code NetnsReceiverMain PORT ENDPOINT...}
 */
public final class NetnsReceiverMain {
  private NetnsReceiverMain() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    Set<String> expected = new HashSet<>(List.of(args).subList(1, args.length));
    LanSettings settings =
        LanSettings.builder()
            .port(port)
            .multicastGroups(
                List.of(LanSettings.DEFAULT_IPV4_GROUP, LanSettings.DEFAULT_IPV6_GROUP))
            .build();
    LanPeers peers = new LanPeers(Clock.systemUTC(), settings.expiry());
    CountDownLatch all = new CountDownLatch(1);
    Set<String> seen = new HashSet<>();
    peers.addListener(
        c -> {
          synchronized (seen) {
            if (seen.add(c.peer().endpointId())) {
              System.out.println(
                  "NETNS SEEN "
                      + c.peer().endpointId()
                      + " "
                      + c.peer().address().getHostAddress());
              System.out.flush();
            }
            if (seen.containsAll(expected)) {
              all.countDown();
            }
          }
        });
    try (LanListener listener = LanListener.start(settings, new SecureRandom().nextLong(), peers)) {
      System.out.println("NETNS READY");
      System.out.flush();
      boolean done = all.await(60, TimeUnit.SECONDS);
      System.out.println("NETNS " + (done ? "DONE " : "TIMEOUT ") + listener.stats());
      System.exit(done ? 0 : 2);
    }
  }
}
