package org.feedmesh.agent.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TransfersTest {
  @Test
  void announcementsCarryBytesAndBlocksPerPeerSinceTheLastOneAndLeaveLocalCopiesOut() {
    Transfers t = new Transfers();
    t.add(new RemoteBlocks.Received(Map.of("alice", 300L, "bob", 100L), Map.of("alice", 3L, "bob", 1L)));
    t.add(new RemoteBlocks.Received(Map.of("alice", 200L), Map.of("alice", 2L)));
    t.addLocal(50, 1);

    List<Map<String, Object>> first = t.drainForAnnounce();
    assertEquals(List.of(Map.of("from", "alice", "bytes", 500L, "blocks", 5L),
        Map.of("from", "bob", "bytes", 100L, "blocks", 1L)), first);
    assertTrue(t.drainForAnnounce().isEmpty(), "a second announce carries nothing new");
    assertEquals(Map.of("alice", 500L, "bob", 100L, "local", 50L), t.totals());
  }
}
