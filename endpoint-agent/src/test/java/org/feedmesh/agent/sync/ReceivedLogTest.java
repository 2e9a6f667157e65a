package org.feedmesh.agent.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ReceivedLogTest {
  private final Logger logger = (Logger) LoggerFactory.getLogger(SyncEngine.class);
  private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
  private Level level;

  @BeforeEach
  void listen() {
    level = logger.getLevel();
    logger.setLevel(Level.INFO);
    lines.start();
    logger.addAppender(lines);
  }

  @AfterEach
  void stop() {
    logger.detachAppender(lines);
    logger.setLevel(level);
  }

  private List<String> info() {
    return lines.list.stream()
        .filter(e -> e.getLevel() == Level.INFO)
        .map(ILoggingEvent::getFormattedMessage)
        .toList();
  }

  @Test
  void aFewFilesGetALineEach() {
    ReceivedLog received = new ReceivedLog();
    received.add("a.txt", 5);
    received.add("dir/b.bin", 700);
    received.log();
    assertEquals(List.of("received a.txt (5 bytes)", "received dir/b.bin (700 bytes)"), info());
  }

  @Test
  void aBurstGetsOneSummaryLineAndTheNextBatchStartsAfresh() {
    ReceivedLog received = new ReceivedLog();
    for (int i = 0; i < 500; i++) {
      received.add("burst/f" + i, 20);
    }
    received.log();
    assertEquals(List.of("received 500 files (10000 bytes): burst/f0 … burst/f499"), info());
    received.add("late.txt", 1);
    received.log();
    assertEquals("received late.txt (1 bytes)", info().get(1));
    assertEquals(2, info().size());
  }

  @Test
  void renamedFilesSayWhereTheyCameFromAndABurstOfThemIsOneLine() {
    ReceivedLog received = new ReceivedLog();
    received.moved("photo.bin", "album/photo.bin");
    received.log();
    assertEquals(List.of("moved photo.bin to album/photo.bin (renamed elsewhere; no bytes copied)"), info());
    for (int i = 0; i < 300; i++) {
      received.moved("photos/p" + i, "pictures/p" + i);
    }
    received.log();
    assertEquals("moved 300 files into place (renamed elsewhere; no bytes copied): pictures/p0 … pictures/p299",
        info().get(1));
    assertEquals(2, info().size());
  }
}
