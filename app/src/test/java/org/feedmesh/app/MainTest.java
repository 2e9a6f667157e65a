package org.feedmesh.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {

  /**
   * A command list shows the first line of each command's description only, so that line must be a
   * whole sentence: "publishes its changes," cut off mid-sentence tells a user nothing.
   */
  @Test
  void everyCommandSummaryInACommandListIsAWholeSentence() {
    List<String> cut = new ArrayList<>();
    collect(Main.commandLine(), cut);
    assertEquals(List.of(), cut, "command summaries cut off mid-sentence");
  }

  @Test
  void theTopLevelHelpListsEveryCommandWithItsSummary() {
    String usage = Main.commandLine().getUsageMessage(CommandLine.Help.Ansi.OFF);
    assertTrue(usage.contains("agent   Keeps a folder in sync with a namespace (runs until stopped)."), usage);
    assertTrue(usage.contains("demo    Shows FeedMesh at work:"), usage);
  }

  private static void collect(CommandLine cl, List<String> cut) {
    for (CommandLine sub : cl.getSubcommands().values()) {
      String[] description = sub.getCommandSpec().usageMessage().description();
      String first = description.length == 0 ? "" : description[0].strip();
      if (!first.endsWith(".") && !first.endsWith(")")) {
        cut.add(sub.getCommandSpec().qualifiedName() + ": \"" + first + "\"");
      }
      collect(sub, cut);
    }
  }
}
