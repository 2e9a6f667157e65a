package org.feedmesh.agent.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.feedmesh.feedsync.Item;
import org.feedmesh.feedsync.Payload;
import org.feedmesh.feedsync.fm.Block;
import org.feedmesh.feedsync.fm.FileMeta;
import org.feedmesh.feedsync.merge.ItemMerge;
import org.junit.jupiter.api.Test;

/** A local change made without having seen the newest known version is concurrent with it. */
class PublisherTest {
  private static final Instant T = Instant.parse("2026-11-22T10:00:00Z");
  private static final String A = "a".repeat(64);
  private static final String B = "b".repeat(64);
  private static final String C = "c".repeat(64);

  @Test
  void anUpdateOfAVersionNeverOnThisDiskMergesWithItAsAConflict() {
    Item original = Item.create("urn:x", "alice", T, payload(A));
    Item alices = original.updated("alice", T.plusSeconds(60), payload(B));
    Item bobs = alices.updated("bob", T.plusSeconds(120), payload(C)); // built on what bob knows

    assertTrue(ItemMerge.merge(alices, bobs).item().conflicts().isEmpty(),
        "a plain update replaces alice's version as if bob had seen it");
    Item unseen = Publisher.unseen(bobs, alices);
    Item merged = ItemMerge.merge(alices, unseen).item();
    assertEquals("bob", merged.topmost().by(), "bob's later update wins");
    assertEquals(List.of(alices), merged.conflicts(), "alice's version is kept as the conflict");
    assertEquals(List.of(unseen.topmost(), original.topmost()), unseen.sync().history());
  }

  @Test
  void whatWasOnDiskIsTheKnownVersionWhenItsContentIsTheSame() {
    Item known = Item.create("urn:x", "alice", T, payload(A));
    assertTrue(Publisher.wasOnDisk(known, file(A, 0644)));
    assertTrue(Publisher.wasOnDisk(known, file(A, 0755)), "a mode or mtime is not content");
    assertFalse(Publisher.wasOnDisk(known, file(B, 0644)));
    assertFalse(Publisher.wasOnDisk(known, null), "nothing was there");
    Item deleted = known.deleted("alice", T.plusSeconds(1), true);
    assertTrue(Publisher.wasOnDisk(deleted, null));
    assertFalse(Publisher.wasOnDisk(deleted, file(A, 0644)), "the delete never happened here");
  }

  private static Payload payload(String blob) {
    return Payload.ofFile(file(blob, 0644));
  }

  private static FileMeta file(String blob, int mode) {
    return FileMeta.file("plan.txt", 10, T, mode, blob, List.of(new Block(0, 10, blob)));
  }
}
