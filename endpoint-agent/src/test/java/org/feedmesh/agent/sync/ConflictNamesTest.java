package org.feedmesh.agent.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConflictNamesTest {
  private static final Instant AT = Instant.parse("2026-11-22T10:15:30Z");

  @Test
  void aCopyIsNamedAfterTheOriginalTheTimeAndTheEndpointAndLeadsBackToIt() {
    String copy = ConflictNames.copyOf("docs/plan.v2.txt", AT, "bob's laptop");
    assertEquals("docs/plan.v2.sync-conflict-20261122-101530-bob_s_laptop.txt", copy);
    assertEquals(Optional.of("docs/plan.v2.txt"), ConflictNames.originalOf(copy));
    assertEquals(Optional.empty(), ConflictNames.originalOf("docs/plan.v2.txt"));
  }

  @Test
  void aCopyOfALongNameStillFitsInTwoHundredFiftyFiveBytesWithoutSplittingACharacter() {
    String[] names = {
      "l".repeat(250) + ".txt",
      "ü".repeat(126) + ".md", // two bytes each: 254 bytes
      "日本語".repeat(28) + ".txt", // three bytes each: 252 + 4
      "short." + "e".repeat(240),
    };
    for (String name : names) {
      String copy = ConflictNames.copyOf("dir/" + name, AT, "alice");
      String copyName = copy.substring("dir/".length());
      int bytes = copyName.getBytes(StandardCharsets.UTF_8).length;
      assertTrue(bytes <= 255, copyName + " is " + bytes + " bytes");
      assertTrue(bytes >= 250, "it is shortened only as much as needed: " + bytes + " bytes");
      assertTrue(copyName.contains(".sync-conflict-20261122-101530-alice"), copyName);
      assertEquals(copyName, new String(copyName.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8),
          "no character was cut in half");
    }
  }
}
