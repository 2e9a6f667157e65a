package org.feedmesh.app;

import java.io.IOException;
import org.feedmesh.lookup.standalone.LookupCommand;
import org.feedmesh.platform.config.ConfigDefaults;
import org.feedmesh.server.cli.AdminCommand;
import org.feedmesh.server.cli.ServerCommand;
import org.slf4j.bridge.SLF4JBridgeHandler;
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
    subcommands = {
      CommandLine.HelpCommand.class, ServerCommand.class, AdminCommand.class, LookupCommand.class
    })
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    // Jersey and others log through java.util.logging; send it to SLF4J/logback.
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    CommandLine cl = commandLine();
    try {
      ConfigDefaults.install(cl, args);
    } catch (IOException e) {
      System.err.println("feedmesh: " + e.getMessage());
      System.exit(2);
    }
    System.exit(cl.execute(args));
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
