package org.feedmesh.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.feedmesh.agent.lan.LanSettings;
import org.feedmesh.agent.lan.PeerAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With the blob lookup turned off, an agent still gets a file's blocks: from the LAN peer whose
 * advertised cursor covers the journal entry, heard by UDP broadcast or asked over TCP.
 */
class LanSyncTest {
  @TempDir Path tmp;

  @Test
  void withoutTheLookupBlocksComeFromTheLanPeerHeardByBroadcast() throws IOException {
    int udp;
    try (DatagramSocket s = new DatagramSocket(0)) {
      udp = s.getLocalPort();
    }
    LanSettings lan = LanSettings.loopback(udp).interval(Duration.ofSeconds(2)).build();
    try (Cluster cluster = new Cluster(tmp, "alice", "bob")) {
      Agent a = cluster.start(cluster.config("alice").withLookup(false).withLan(lan, List.of()));
      Agent b = cluster.start(cluster.config("bob").withLookup(false).withLan(lan, List.of()));
      byte[] data = TwoAgentsSyncTest.random(500_000, 9);
      Files.write(cluster.folder("alice").resolve("lan.bin"), data);

      cluster.awaitConverged("alice", "bob");
      assertArrayEquals(data, Files.readAllBytes(cluster.folder("bob").resolve("lan.bin")));
      assertTrue(b.transfers().totals().getOrDefault("alice", 0L) >= data.length, b.transfers().totals().toString());
      Cluster.await("bob to list alice as a LAN peer with her cursor", () -> b.lanPeers().peers().stream()
          .anyMatch(p -> p.endpointId().equals("alice") && p.cursors().getOrDefault(Cluster.NS, 0L) >= a.cursor()));

      java.io.StringWriter out = new java.io.StringWriter();
      picocli.CommandLine cl = new picocli.CommandLine(new org.feedmesh.agent.cli.StatusCommand());
      cl.setOut(new java.io.PrintWriter(out));
      Cluster.await("feedmesh status --folder to list alice as a LAN peer", () -> {
        out.getBuffer().setLength(0);
        cl.execute("--server", cluster.server.baseUri().toString(), "--token", cluster.tokens.get("bob"),
            "--namespace", Cluster.NS, "--folder", cluster.folder("bob").toString());
        return out.toString().matches("(?s).*LAN peers seen \\(1\\):\\s+alice\\s+http://.*docs.*");
      });
    }
  }

  @Test
  void withoutTheLookupOrBroadcastAPeerNamedByAddressIsAskedOverTcp() throws IOException {
    try (Cluster cluster = new Cluster(tmp, "alice", "bob")) {
      Agent a = cluster.start(cluster.config("alice").withLookup(false));
      Agent b = cluster.start(cluster.config("bob").withLookup(false)
          .withLan(null, List.of(new PeerAddress("127.0.0.1", a.peerServer().port()))));
      byte[] data = TwoAgentsSyncTest.random(300_000, 10);
      Files.write(cluster.folder("alice").resolve("tcp.bin"), data);

      cluster.awaitConverged("alice", "bob");
      assertArrayEquals(data, Files.readAllBytes(cluster.folder("bob").resolve("tcp.bin")));
      assertTrue(b.lanPeers().peers().stream().anyMatch(p -> p.endpointId().equals("alice")));
    }
  }
}
