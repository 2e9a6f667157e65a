package org.feedmesh.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.feedmesh.agent.ClusterAccess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class StatusCommandTest {
  @TempDir Path tmp;

  @Test
  void statusListsTheEndpointsAndTheDeliveryOfThisEndpointsRecentChanges() throws Exception {
    try (ClusterAccess cluster = new ClusterAccess(tmp)) {
      Files.writeString(cluster.folder("alice").resolve("report.txt"), "for bob");
      cluster.awaitConverged();
      cluster.awaitDelivered("report.txt");

      StringWriter out = new StringWriter();
      CommandLine cl = new CommandLine(new StatusCommand());
      cl.setOut(new PrintWriter(out));
      int code = cl.execute("--server", cluster.serverUri(), "--token", cluster.token("alice"),
          "--namespace", "docs");

      assertEquals(0, code, out.toString());
      String text = out.toString();
      assertTrue(text.contains("endpoint alice"), text);
      assertTrue(text.contains("bob") && text.contains("online"), text);
      assertTrue(text.matches("(?s).*report\\.txt\\s+v1\\s+delivered to 1 of 1.*"), text);
    }
  }

  @Test
  void statusWithTheFolderShowsWhatThatAgentIsWaitingFor() throws Exception {
    try (ClusterAccess cluster = new ClusterAccess(tmp)) {
      Files.writeString(cluster.folder("alice").resolve("notes.txt"), "notes");
      cluster.awaitConverged();

      StringWriter out = new StringWriter();
      CommandLine cl = new CommandLine(new StatusCommand());
      cl.setOut(new PrintWriter(out));
      int code = cl.execute("--server", cluster.serverUri(), "--token", cluster.token("alice"),
          "--namespace", "docs", "--folder", cluster.folder("alice").toString());

      assertEquals(0, code, out.toString());
      String text = out.toString();
      assertTrue(text.matches("(?s).*this agent \\(as of [^)]+\\): applied cursor \\d+, 0 file\\(s\\) waiting for"
          + " content, 0 change\\(s\\) waiting to be published.*"), text);
    }
  }
}
