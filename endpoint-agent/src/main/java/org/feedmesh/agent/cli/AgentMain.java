package org.feedmesh.agent.cli;

import picocli.CommandLine;

/**
 * Runs {@code feedmesh agent} on its own, without the rest of the launcher (tests start agents as
 * separate processes with it; users run {@code ./feedmesh agent}).
 */
public final class AgentMain {
  private AgentMain() {}

  public static void main(String[] args) {
    System.exit(new CommandLine(new AgentCommand()).execute(args));
  }
}
