package org.feedmesh.agent.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VersionsTest {
  @TempDir Path folder;

  @Test
  void aKeptFileIsStampedAndTwoInTheSameSecondBothStay() throws IOException {
    Versions versions = new Versions(folder, Duration.ofDays(30), at("2026-11-22T10:15:30Z"));
    Files.createDirectories(folder.resolve("docs"));
    Files.writeString(folder.resolve("docs/plan.txt"), "one");
    String first = versions.keep("docs/plan.txt", folder.resolve("docs/plan.txt"));
    Files.writeString(folder.resolve("docs/plan.txt"), "two");
    String second = versions.keep("docs/plan.txt", folder.resolve("docs/plan.txt"));

    assertEquals(".feedmesh/versions/docs/plan~20261122-101530.txt", first);
    assertEquals(".feedmesh/versions/docs/plan~20261122-101530-1.txt", second);
    assertEquals("one", Files.readString(folder.resolve(first)));
    assertEquals("two", Files.readString(folder.resolve(second)));
    assertFalse(Files.exists(folder.resolve("docs/plan.txt")));
  }

  @Test
  void aFileWithALongNameIsKeptUnderANameThatFitsAndIsSweptInTime() throws IOException {
    String name = "l".repeat(250) + ".txt";
    Files.writeString(folder.resolve(name), "long");
    String kept = new Versions(folder, Duration.ofDays(30), at("2026-11-22T10:15:30Z")).keep(name, folder.resolve(name));

    String keptName = Path.of(kept).getFileName().toString();
    assertTrue(keptName.getBytes(StandardCharsets.UTF_8).length <= 255, keptName);
    assertTrue(keptName.endsWith("~20261122-101530.txt"), keptName);
    assertEquals("long", Files.readString(folder.resolve(kept)));

    List<String> swept = new ArrayList<>();
    new Versions(folder, Duration.ofDays(30), at("2026-12-23T00:00:00Z")).sweep(swept::add);
    assertEquals(List.of(kept), swept, "its stamp is still read, so it goes after 30 days");
  }

  private static Clock at(String instant) {
    return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
  }
}
