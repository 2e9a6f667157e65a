package org.feedmesh.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Changes made while the server cannot be reached are published once it can, without a restart. */
class ServerOutageTest {
  @TempDir Path tmp;

  @Test
  void changesMadeWhileTheServerIsUnreachableArePublishedWhenItIsBack() throws Exception {
    try (Cluster cluster = new Cluster(tmp, "alice", "bob")) {
      int serverPort = cluster.server.baseUri().getPort();
      ThrottledProxy line = new ThrottledProxy(serverPort, Long.MAX_VALUE); // alice's way to the server
      int linePort = line.port();
      AgentConfig alices = AgentConfig.of(line.uri(), cluster.tokens.get("alice"), Cluster.NS, cluster.folder("alice"))
          .withPeer("127.0.0.1", 0)
          .withChunker(Cluster.SMALL)
          .withFailoverTimeout(Duration.ofSeconds(1)); // its requests give up soon: the outage is longer
      Agent alice = cluster.start(alices);
      cluster.start("bob");
      Path fa = cluster.folder("alice");
      Path fb = cluster.folder("bob");
      Files.writeString(fa.resolve("before.txt"), "before the outage");
      cluster.awaitConvergedWith("alice", "bob", 1);

      line.close(); // the server is out of reach
      long last = cluster.server.journal().lastCursor(Cluster.NS);
      Files.writeString(fa.resolve("during.txt"), "written during the outage");
      Files.writeString(fa.resolve("before.txt"), "edited during the outage");
      Thread.sleep(4_000); // alice tries, and fails, to publish
      assertEquals(last, cluster.server.journal().lastCursor(Cluster.NS), "the outage is real");
      assertEquals(2, alice.waitingToPublish(), "what status.json and feedmesh status show");

      try (ThrottledProxy back = new ThrottledProxy(linePort, serverPort, Long.MAX_VALUE)) {
        cluster.awaitConvergedWith("alice", "bob", 2);
        assertEquals("written during the outage", Files.readString(fb.resolve("during.txt")));
        assertEquals("edited during the outage", Files.readString(fb.resolve("before.txt")));
        Cluster.await("nothing left to publish", () -> alice.waitingToPublish() == 0);
      }
    }
  }
}
