package org.feedmesh.server.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import okhttp3.OkHttpClient;
import org.feedmesh.platform.config.ConfigOption;
import org.feedmesh.server.accounts.AdminToken;
import org.feedmesh.server.admin.AdminClient;
import org.feedmesh.server.admin.AdminClient.AdminException;
import org.feedmesh.server.admin.Views.EndpointView;
import org.feedmesh.server.admin.Views.GrantView;
import org.feedmesh.server.admin.Views.NamespaceView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code feedmesh admin}: manages namespaces and endpoints of a running server with the admin
 * token. Exit codes: 0 done, 1 the server refused or could not be reached, 2 usage error.
 */
@Command(
    name = "admin",
    mixinStandardHelpOptions = true,
    description = {
      "Manages namespaces and endpoints of a FeedMesh server (needs the admin token).",
      "The token comes from --token, --token-file, or env FEEDMESH_TOKEN."
    },
    subcommands = {
      AdminCommand.CreateNamespace.class,
      AdminCommand.ListNamespaces.class,
      AdminCommand.CreateEndpoint.class,
      AdminCommand.ListEndpoints.class,
      AdminCommand.RevokeEndpoint.class,
      AdminCommand.Relay.class
    })
public final class AdminCommand implements Runnable {
  @Spec CommandSpec spec;

  @Mixin ConfigOption config;

  @Option(
      names = "--server",
      paramLabel = "URL",
      defaultValue = "http://127.0.0.1:8080/",
      description = "The feed server. Default: ${DEFAULT-VALUE}.",
      scope = picocli.CommandLine.ScopeType.INHERIT)
  URI server;

  @Option(
      names = "--token",
      paramLabel = "TOKEN",
      description = "The admin token (env FEEDMESH_TOKEN).",
      scope = picocli.CommandLine.ScopeType.INHERIT)
  String token;

  @Option(
      names = "--token-file",
      paramLabel = "FILE",
      description = "Read the admin token from FILE (e.g. the server's DATA/admin.token).",
      scope = picocli.CommandLine.ScopeType.INHERIT)
  Path tokenFile;

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(), "name a subcommand, e.g. create-namespace NAME");
  }

  AdminClient client(CommandSpec sub) {
    String t = token;
    if (t == null && tokenFile != null) {
      try {
        t = AdminToken.read(tokenFile);
      } catch (IOException e) {
        throw new ParameterException(
            sub.commandLine(), "cannot read --token-file " + tokenFile + ": " + e.getMessage());
      }
    }
    if (t == null || t.isBlank()) {
      throw new ParameterException(
          sub.commandLine(),
          "the admin token is missing: pass --token TOKEN, --token-file DATA/admin.token or set"
              + " FEEDMESH_TOKEN");
    }
    if (server.getScheme() == null || !server.getScheme().startsWith("http")) {
      throw new ParameterException(
          sub.commandLine(), "--server must be an http(s) URL, got " + server);
    }
    OkHttpClient http =
        new OkHttpClient.Builder()
            .connectTimeout(Duration.ofSeconds(10))
            .readTimeout(Duration.ofSeconds(60))
            .build();
    return new AdminClient(server, t.strip(), http);
  }

  /** Runs one admin call, printing its failure to stderr as one line; returns the exit code. */
  abstract static class Sub implements Callable<Integer> {
    @ParentCommand AdminCommand parent;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      try {
        run(parent.client(spec), spec.commandLine().getOut());
        spec.commandLine().getOut().flush();
        return 0;
      } catch (AdminException e) {
        spec.commandLine().getErr().println("feedmesh admin: " + e.getMessage());
        spec.commandLine().getErr().flush();
        return 1;
      }
    }

    abstract void run(AdminClient client, PrintWriter out) throws AdminException;
  }

  @Command(
      name = "create-namespace",
      mixinStandardHelpOptions = true,
      description = "Creates a namespace (a shared folder, one feed).")
  static final class CreateNamespace extends Sub {
    @Parameters(
        paramLabel = "NAME",
        description = "1-64 characters a-z 0-9 . _ -, starting with a letter or digit.")
    String name;

    @Override
    void run(AdminClient client, PrintWriter out) throws AdminException {
      out.println(client.createNamespace(name).name());
    }
  }

  @Command(
      name = "list-namespaces",
      mixinStandardHelpOptions = true,
      description = "Lists namespaces: name, newest journal cursor, created.")
  static final class ListNamespaces extends Sub {
    @Override
    void run(AdminClient client, PrintWriter out) throws AdminException {
      for (NamespaceView n : client.namespaces()) {
        out.printf("%-24s cursor=%-10d created=%s%n", n.name(), n.cursor(), n.created());
      }
    }
  }

  @Command(
      name = "create-endpoint",
      mixinStandardHelpOptions = true,
      description = {
        "Registers an endpoint (a device) and prints its new token on stdout, only once.",
        "Example: TOKEN=$(feedmesh admin --token-file DATA/admin.token create-endpoint laptop"
            + " --namespace photos)"
      })
  static final class CreateEndpoint extends Sub {
    @Parameters(paramLabel = "NAME", description = "Endpoint id: 1-64 characters a-z 0-9 . _ -.")
    String name;

    @Option(
        names = "--namespace",
        paramLabel = "NS",
        description = "Namespace it may read and write (repeatable).")
    List<String> namespaces = new ArrayList<>();

    @Option(
        names = "--read-only",
        paramLabel = "NS",
        description = "Namespace it may only read (repeatable).")
    List<String> readOnly = new ArrayList<>();

    @Option(
        names = "--display-name",
        paramLabel = "TEXT",
        description = "Human-readable name (default: NAME).")
    String displayName;

    @Option(
        names = "--relay",
        description = "May publish history written by other endpoints (bridges).")
    boolean relay;

    @Override
    void run(AdminClient client, PrintWriter out) throws AdminException {
      out.println(client.createEndpoint(name, displayName, namespaces, readOnly, relay).token());
    }
  }

  @Command(
      name = "list-endpoints",
      mixinStandardHelpOptions = true,
      description =
          "Lists endpoints: id, state, namespaces with rights and applied cursor, last seen.")
  static final class ListEndpoints extends Sub {
    @Override
    void run(AdminClient client, PrintWriter out) throws AdminException {
      for (EndpointView e : client.endpoints()) {
        List<String> grants = new ArrayList<>();
        for (Map.Entry<String, GrantView> g : e.namespaces().entrySet()) {
          String rights = g.getValue().access().toString().toLowerCase(java.util.Locale.ROOT);
          grants.add(g.getKey() + rights.replace(", ", ",") + "@" + g.getValue().appliedCursor());
        }
        out.printf(
            "%-20s %-8s relay=%-5s namespaces=%s last-seen=%s%n",
            e.id(),
            e.active() ? "active" : "revoked",
            e.relay(),
            String.join(" ", grants),
            e.lastSeen() == null ? "never" : e.lastSeen());
      }
    }
  }

  @Command(
      name = "revoke-endpoint",
      mixinStandardHelpOptions = true,
      description = "Revokes an endpoint: its token stops working at once.")
  static final class RevokeEndpoint extends Sub {
    @Parameters(paramLabel = "ID")
    String id;

    @Override
    void run(AdminClient client, PrintWriter out) throws AdminException {
      out.println("revoked " + client.revokeEndpoint(id).id());
    }
  }

  @Command(
      name = "relay",
      mixinStandardHelpOptions = true,
      description = "Grants an endpoint the relay right (--off takes it away).")
  static final class Relay extends Sub {
    @Parameters(paramLabel = "ID")
    String id;

    @Option(names = "--off", description = "Take the right away (default: grant it).")
    boolean off;

    @Override
    void run(AdminClient client, PrintWriter out) throws AdminException {
      EndpointView e = client.setRelay(id, !off);
      out.println(e.id() + " relay=" + e.relay());
    }
  }
}
