package org.feedmesh.app;

import org.feedmesh.agent.cli.AgentCommand;
import org.feedmesh.agent.cli.StatusCommand;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import org.feedmesh.app.feed.FeedCommand;
import org.feedmesh.lookup.standalone.LookupCommand;
import org.feedmesh.platform.config.ConfigDefaults;
import org.feedmesh.server.cli.AdminCommand;
import org.feedmesh.server.cli.ServerCommand;
import org.feedmesh.webapp.WebApp;
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
      ServerCommand.class,
      AdminCommand.class,
      LookupCommand.class,
      AgentCommand.class,
      StatusCommand.class,
      DemoCommand.class,
      FeedCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    // Jersey and others log through java.util.logging; send it to SLF4J/logback.
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    CommandLine cl = commandLine();
    try {
      // Every option --foo-bar may also come from FEEDMESH_FOO_BAR or --config FILE.
      ConfigDefaults.install(cl, args);
    } catch (IOException e) {
      System.err.println("feedmesh: " + e.getMessage());
      System.exit(2);
    }
    System.exit(cl.execute(args));
  }

  /** The command line with every subcommand registered; tests execute it in-process. */
  public static CommandLine commandLine() {
    return new CommandLine(new Main(), new Factory())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler(Main::reportFailure);
  }

  /**
   * Every command's unexpected failure becomes one line on stderr that says what failed, and exit
   * code 1; the stack trace only with {@code FEEDMESH_DEBUG=1}.
   */
  static int reportFailure(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
    cl.getErr().println(cl.getCommandSpec().qualifiedName() + ": " + describe(e));
    if (System.getenv("FEEDMESH_DEBUG") != null) {
      e.printStackTrace(cl.getErr());
    }
    cl.getErr().flush();
    return 1;
  }

  static String describe(Throwable e) {
    if (e instanceof NoSuchFileException n) {
      return "no such file: " + n.getFile();
    }
    if (e instanceof AccessDeniedException a) {
      return "permission denied: " + a.getFile();
    }
    if (e instanceof FileSystemException f) {
      return f.getFile() + ": " + f.getReason();
    }
    String message = e.getMessage();
    String what = message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    return e.getCause() != null && e.getCause() != e && e.getCause().getMessage() != null
        && !what.contains(e.getCause().getMessage())
        ? what + " (" + describe(e.getCause()) + ")" : what;
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /**
   * Builds the commands; the server command gets the parts the feed server serves without
   * depending on them (the browser view at {@code /}).
   */
  static final class Factory implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> cls) throws Exception {
      if (cls == ServerCommand.class) {
        return cls.cast(new ServerCommand(List.of(new WebApp())));
      }
      return CommandLine.defaultFactory().create(cls);
    }
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
