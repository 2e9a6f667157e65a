package org.feedmesh.agent.lan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What loopback cannot show: an advertisement crossing a link between two hosts. Two network
 * namespaces joined by a veth pair stand for two machines on one LAN; a sender process in one
 * advertises by broadcast (the production targets: 255.255.255.255 and the interface's broadcast
 * address), by IPv4 and by IPv6 multicast, and a receiver process with the production listener
 * settings in the other must hear all three from the sender's link address.
 *
 * <p>Needs root and iproute2 ({@code ip netns}); skipped, saying why, without them. The namespaces
 * get unique names and are deleted afterwards whatever happens.
 */
class LanNetnsTest {
  private static final long DEADLINE_SECONDS = 30;

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void anAdvertisementCrossesALinkBetweenTwoNetworkNamespaces() throws Exception {
    assumeRootWithIpNetns();
    String id = HexFormat.of().formatHex(new SecureRandom().generateSeed(3));
    String nsA = "fmlan-a-" + id;
    String nsB = "fmlan-b-" + id;
    String vethA = "fma" + id;
    String vethB = "fmb" + id;
    List<Process> processes = new ArrayList<>();
    try {
      Result created = ip("netns", "add", nsA);
      assumeTrue(created.ok(), "skipped: 'ip netns add' failed here: " + created.output());
      ipOrFail("netns", "add", nsB);
      ipOrFail("link", "add", vethA, "type", "veth", "peer", "name", vethB);
      ipOrFail("link", "set", vethA, "netns", nsA);
      ipOrFail("link", "set", vethB, "netns", nsB);
      configure(nsA, vethA, "10.201.7.1/24", "fd00:464d::1/64");
      configure(nsB, vethB, "10.201.7.2/24", "fd00:464d::2/64");
      int port = LanSettings.DEFAULT_PORT;

      Process receiver = java(nsB, NetnsReceiverMain.class, port, "bcast", "mcast4", "mcast6");
      processes.add(receiver);
      BlockingQueue<String> lines = lines(receiver);
      assertEquals("NETNS READY", next(lines), "the receiver did not start listening");

      Process sender = java(nsA, NetnsSenderMain.class, port);
      processes.add(sender);
      Map<String, String> seen = new HashMap<>();
      while (seen.size() < 3) {
        String line = next(lines);
        assertTrue(line.startsWith("NETNS SEEN "), "unexpected from the receiver: " + line);
        String[] parts = line.split(" ");
        seen.put(parts[2], parts[3]);
      }

      System.out.println("Heard across the veth: " + seen);
      assertEquals("10.201.7.1", seen.get("bcast"), "broadcast came across the veth");
      assertEquals("10.201.7.1", seen.get("mcast4"), "IPv4 multicast came across the veth");
      String v6 = seen.get("mcast6");
      assertTrue(
          v6.startsWith("fe80:") || v6.startsWith("fd00:464d:"),
          "IPv6 multicast came from the sender's link: " + v6);
      assertTrue(receiver.waitFor(10, TimeUnit.SECONDS), "the receiver did not finish");
      assertEquals(0, receiver.exitValue());
    } finally {
      for (Process p : processes) {
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
      }
      ip("netns", "del", nsA);
      ip("netns", "del", nsB);
    }
  }

  private static void configure(String ns, String dev, String v4, String v6) throws Exception {
    ipOrFail("netns", "exec", ns, "sysctl", "-q", "-w", "net.ipv6.conf." + dev + ".accept_dad=0");
    ipOrFail("-n", ns, "addr", "add", v4, "brd", "+", "dev", dev);
    ipOrFail("-n", ns, "addr", "add", v6, "dev", dev, "nodad");
    ipOrFail("-n", ns, "link", "set", "lo", "up");
    ipOrFail("-n", ns, "link", "set", dev, "up");
  }

  private static void assumeRootWithIpNetns() throws Exception {
    Result uid;
    try {
      uid = run(List.of("id", "-u"));
    } catch (IOException e) {
      uid = new Result(-1, e.toString());
    }
    assumeTrue(
        uid.ok() && uid.output().trim().equals("0"),
        "skipped: creating network namespaces needs root; this test runs as uid "
            + uid.output().trim());
    Result ip;
    try {
      ip = ip("netns", "list");
    } catch (IOException e) {
      ip = new Result(-1, e.toString());
    }
    assumeTrue(ip.ok(), "skipped: 'ip netns' (iproute2) is not usable here: " + ip.output().trim());
  }

  private static Process java(String ns, Class<?> main, Object... args) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "ip",
                "netns",
                "exec",
                ns,
                java,
                "-Xmx64m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                main.getName()));
    for (Object a : args) {
      cmd.add(String.valueOf(a));
    }
    return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
  }

  /** The receiver's protocol lines (its log lines are dropped), read on a thread of their own. */
  private static BlockingQueue<String> lines(Process p) {
    BlockingQueue<String> q = new LinkedBlockingQueue<>();
    Thread t =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                  if (line.startsWith("NETNS ")) {
                    q.add(line);
                  }
                }
              } catch (IOException e) {
                // the process ended
              }
            },
            "netns-receiver-output");
    t.setDaemon(true);
    t.start();
    return q;
  }

  private static String next(BlockingQueue<String> lines) throws InterruptedException {
    String line = lines.poll(DEADLINE_SECONDS, TimeUnit.SECONDS);
    if (line == null) {
      throw new AssertionError("the receiver said nothing for " + DEADLINE_SECONDS + " s");
    }
    return line;
  }

  private record Result(int exit, String output) {
    boolean ok() {
      return exit == 0;
    }
  }

  private static Result ip(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("ip"));
    cmd.addAll(List.of(args));
    return run(cmd);
  }

  private static void ipOrFail(String... args) throws IOException, InterruptedException {
    Result r = ip(args);
    if (!r.ok()) {
      throw new AssertionError("ip " + String.join(" ", args) + " failed: " + r.output());
    }
  }

  private static Result run(List<String> cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(20, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return new Result(-1, "timed out: " + String.join(" ", cmd));
    }
    return new Result(p.exitValue(), out);
  }
}
