package org.feedmesh.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code feedmesh demo} as a user runs it: a server and two agents sync the samples, then it cleans up. */
class DemoIT {
  @Test
  void theDemoSyncsItsSamplesPeerToPeerAndNamesTheViewAndTheFeed() throws Exception {
    FeedmeshJarIT.Run r = FeedmeshJarIT.run("demo", "--port", "0", "--exit-after-sync");
    assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
    assertTrue(r.stdout().contains("all 4 files arrived in bob's folder"), r.stdout());
    assertTrue(r.stdout().contains("alice") && r.stdout().contains("peer to peer"), r.stdout());
    assertTrue(r.stdout().contains("browser view") && r.stdout().contains("/feeds/demo"), r.stdout());
  }

  @Test
  void theAgentAndStatusCommandsExplainThemselves() throws Exception {
    for (String cmd : new String[] {"agent", "status", "demo"}) {
      FeedmeshJarIT.Run r = FeedmeshJarIT.run(cmd, "--help");
      assertEquals(0, r.exitCode(), r.stderr());
      assertTrue(r.stdout().contains("Usage: feedmesh " + cmd), r.stdout());
    }
  }

  @Test
  void anAgentWithoutItsRequiredOptionsSaysWhichIsMissing() throws Exception {
    FeedmeshJarIT.Run r = FeedmeshJarIT.run("agent", "--server", "http://127.0.0.1:9");
    assertEquals(2, r.exitCode(), r.stdout() + r.stderr());
    assertTrue(r.stderr().contains("--token"), r.stderr());
  }
}
