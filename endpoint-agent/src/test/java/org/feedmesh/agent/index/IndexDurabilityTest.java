package org.feedmesh.agent.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.feedmesh.feedsync.fm.Sha256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the index committed survives kill -9 of the agent's JVM. */
class IndexDurabilityTest {
  @TempDir Path state;

  @Test
  void committedEntriesAndTheCursorSurviveKillMinus9() throws Exception {
    int count = 50;
    Process p = IndexWriterProcess.start(state, count);
    int last = 0;
    try (BufferedReader r = new BufferedReader(
        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while (last < count && (line = r.readLine()) != null) {
        if (line.startsWith("committed ")) {
          last = Integer.parseInt(line.substring("committed ".length()));
        }
      }
      p.destroyForcibly(); // SIGKILL right after the last acknowledged commit
      assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    }
    assertEquals(count, last, "the writer reported every commit");
    try (AgentIndex index = AgentIndex.open(state)) {
      assertEquals(OptionalLong.of(count), index.cursor("ns"));
      AtomicInteger rows = new AtomicInteger();
      index.forEach(e -> rows.incrementAndGet());
      assertEquals(count, rows.get());
      assertEquals(1, index.findBlock(Sha256.hex("content " + count)).size());
    }
  }
}
