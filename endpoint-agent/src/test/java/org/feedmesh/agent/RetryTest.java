package org.feedmesh.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.feedmesh.agent.sync.SyncEngine;
import org.feedmesh.feedsync.fm.FileMeta;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A file whose only holder is away is tried again with growing pauses, and said once: an agent
 * waiting a day for a peer must not write a warning (and a status report) every few seconds.
 */
class RetryTest {
  @TempDir Path tmp;

  @Test
  void aFileWhoseOnlyHolderIsAwayIsTriedAgainQuietlyWithGrowingPausesAndArrivesWhenItIsBack()
      throws Exception {
    Logger logger = (Logger) LoggerFactory.getLogger(SyncEngine.class);
    Level level = logger.getLevel();
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    try (Cluster cluster = new Cluster(tmp, "alice", "bob")) {
      Agent alice = cluster.start("alice");
      byte[] report = TwoAgentsSyncTest.random(300_000, 21);
      Files.write(cluster.folder("alice").resolve("report.bin"), report);
      Cluster.await("alice to publish report.bin", () -> cluster.server.journal()
          .current(Cluster.NS, FileMeta.itemId(Cluster.NS, "report.bin")).isPresent());
      cluster.stop(alice);

      logger.setLevel(Level.DEBUG);
      lines.start();
      logger.addAppender(lines);
      cluster.start("bob");
      Thread.sleep(9_000); // fixed 2 s retries would try 5 times by now; 2, 4, 8 s pauses 3 times

      List<ILoggingEvent> about = lines.list.stream()
          .filter(e -> e.getFormattedMessage().startsWith("could not apply report.bin"))
          .toList();
      long warnings = about.stream().filter(e -> e.getLevel() == Level.WARN).count();
      assertEquals(1, warnings, "one warning, at the first failure: " + messages(about));
      assertTrue(about.size() >= 2 && about.size() <= 4,
          "tried again after growing pauses, not every 2 s: " + messages(about));

      cluster.start("alice");
      Path arrived = cluster.folder("bob").resolve("report.bin");
      Cluster.await("report.bin to reach bob once alice is back", () -> Files.exists(arrived));
      assertArrayEquals(report, Files.readAllBytes(arrived));
    } finally {
      logger.detachAppender(lines);
      logger.setLevel(level);
    }
  }

  private static List<String> messages(List<ILoggingEvent> events) {
    return events.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
  }
}
