package org.feedmesh.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code feedmesh server} and {@code feedmesh admin} are reachable from the shaded jar. */
class ServerCommandsIT {
  @Test
  void serverHelpDescribesItsOptions() throws Exception {
    FeedmeshJarIT.Run r = FeedmeshJarIT.run("server", "--help");
    assertEquals(0, r.exitCode(), r.stderr());
    assertTrue(r.stdout().contains("--data") && r.stdout().contains("--port"), r.stdout());
  }

  @Test
  void adminHelpListsItsSubcommands() throws Exception {
    FeedmeshJarIT.Run r = FeedmeshJarIT.run("admin", "--help");
    assertEquals(0, r.exitCode(), r.stderr());
    assertTrue(r.stdout().contains("create-namespace") && r.stdout().contains("create-endpoint"),
        r.stdout());
  }

  @Test
  void serverWithoutDataDirectoryFailsWithAUsageError() throws Exception {
    FeedmeshJarIT.Run r = FeedmeshJarIT.run("server", "--port", "0");
    assertEquals(2, r.exitCode());
    assertTrue(r.stderr().contains("--data DIR is required"), r.stderr());
  }
}
