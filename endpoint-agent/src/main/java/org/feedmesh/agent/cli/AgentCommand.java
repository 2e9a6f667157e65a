package org.feedmesh.agent.cli;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.feedmesh.agent.Agent;
import org.feedmesh.agent.AgentConfig;
import org.feedmesh.agent.lan.LanSettings;
import org.feedmesh.agent.lan.PeerAddress;
import org.feedmesh.platform.config.ConfigOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code feedmesh agent}: keeps one folder in sync with one namespace until Ctrl-C. */
@Command(
    name = "agent",
    mixinStandardHelpOptions = true,
    description = {
      "Keeps a folder in sync with a namespace (runs until stopped).",
      "Scans and watches the folder, publishes its changes, follows the server's journal and",
      "fetches file contents from other endpoints.",
      "Every option can also come from env FEEDMESH_<OPTION> (e.g. FEEDMESH_TOKEN) or --config."
    })
public final class AgentCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ConfigOption config;

  @Option(names = "--server", split = ",", paramLabel = "URL",
      description = "Feed server URL(s), primary first (a standby after a comma). Required.")
  List<URI> servers;

  @Option(names = "--token", paramLabel = "TOKEN",
      description = "This endpoint's token (from `feedmesh admin create-endpoint`). Required.")
  String token;

  @Option(names = "--namespace", paramLabel = "NS", description = "The namespace to sync. Required.")
  String namespace;

  @Option(names = "--folder", paramLabel = "DIR", description = "The folder to keep in sync. Required.")
  Path folder;

  @Option(names = "--state", paramLabel = "DIR",
      description = "Where the agent keeps its index and old versions. Default: FOLDER/.feedmesh.")
  Path state;

  @Option(names = "--peer-port", defaultValue = "0",
      description = "TCP port other endpoints download blocks from (0: any free port). Default: ${DEFAULT-VALUE}.")
  int peerPort;

  @Option(names = "--peer-host", defaultValue = "0.0.0.0",
      description = "Address the peer port listens on. Default: ${DEFAULT-VALUE}.")
  String peerHost;

  @Option(names = "--advertise", split = ",", paramLabel = "URL",
      description = "Peer URL(s) other endpoints should use (default: this machine's addresses).")
  List<URI> advertise;

  @Option(names = "--rescan-seconds", defaultValue = "300",
      description = "Full rescan interval, a safety net behind the watcher. Default: ${DEFAULT-VALUE}.")
  long rescanSeconds;

  @Option(names = "--keep-versions-days", defaultValue = "30",
      description = "How long replaced and deleted files stay in .feedmesh/versions. Default: ${DEFAULT-VALUE}.")
  long keepDays;

  @Option(names = "--lan-port", defaultValue = "17997",
      description = "UDP port for LAN download advertisements (seed 004). Default: ${DEFAULT-VALUE}.")
  int lanPort;

  @Option(names = "--no-lan", description = "Neither send nor hear LAN advertisements.")
  boolean noLan;

  @Option(names = "--peer", split = ",", paramLabel = "HOST:PORT",
      description = "Peer port(s) of other agents to ask for their advertisement over TCP, where broadcast does not reach.")
  List<String> peers;

  @Override
  public Integer call() throws Exception {
    require(servers, "--server");
    require(token, "--token");
    require(namespace, "--namespace");
    require(folder, "--folder");
    AgentConfig cfg = new AgentConfig(servers, token, namespace, folder, state, peerHost, peerPort,
        advertise, null, java.time.Duration.ofSeconds(Math.max(5, rescanSeconds)), null,
        java.time.Duration.ofDays(Math.max(0, keepDays)), null, true, System.console() != null,
        noLan ? null : LanSettings.builder().port(lanPort).build(),
        peers == null ? List.of() : peers.stream().map(PeerAddress::parse).toList());
    CountDownLatch stopped = new CountDownLatch(1);
    Agent agent = Agent.start(cfg);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      agent.close();
      stopped.countDown();
    }, "feedmesh-stop"));
    {
      spec.commandLine().getErr().println("feedmesh agent " + agent.endpointId() + " is syncing "
          + cfg.folder() + " (namespace " + namespace + "); peer port " + agent.peerServer().port()
          + ". Ctrl-C stops it.");
      stopped.await();
    }
    return 0;
  }

  private void require(Object value, String option) {
    if (value == null) {
      throw new ParameterException(spec.commandLine(), "Missing required option: '" + option + "'");
    }
  }
}
