package org.feedmesh.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The one entry point of {@code feedmesh.jar}: a picocli command whose subcommands are the
 * composition roots of each process (server, agent, lookup) and the command-line tools.
 */
@Command(
    name = "feedmesh",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Keeps folders in sync across machines over FeedSync feeds.",
    subcommands = {CommandLine.HelpCommand.class})
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line with every subcommand registered; tests execute it in-process. */
  public static CommandLine commandLine() {
    return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {
        "feedmesh " + (v == null ? "dev" : v),
        "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"
      };
    }
  }
}
