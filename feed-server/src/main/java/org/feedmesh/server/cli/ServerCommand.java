package org.feedmesh.server.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.feedmesh.platform.config.ConfigOption;
import org.feedmesh.platform.http.HttpSettings;
import org.feedmesh.server.ServerConfig;
import org.feedmesh.server.ServerExtension;
import org.feedmesh.server.accounts.AdminToken;
import org.feedmesh.server.cluster.ClusterNode;
import org.feedmesh.server.cluster.ClusterSettings;
import org.feedmesh.server.hub.HubSettings;
import org.feedmesh.server.hub.SignatureAlgorithm;
import org.feedmesh.server.tickets.TicketIssuer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code feedmesh server}: runs the feed server until SIGTERM / Ctrl-C. */
@Command(
    name = "server",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the FeedMesh feed server: feeds, journal, merge, admin API.",
      "On first start it writes an admin token to DATA/admin.token (mode 600).",
      "Every option can also come from env FEEDMESH_<OPTION> (e.g. FEEDMESH_PORT) or --config."
    })
public final class ServerCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(ServerCommand.class);

  @Spec CommandSpec spec;

  @Mixin ConfigOption config;

  @Option(
      names = "--port",
      defaultValue = "8080",
      description = "TCP port (0: any free port). Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(
      names = "--host",
      defaultValue = ServerConfig.DEFAULT_HOST,
      description =
          "Address to listen on. Default ${DEFAULT-VALUE} (every interface, so agents on other"
              + " machines can connect); use 127.0.0.1 to accept local clients only.")
  String host;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "Directory for the database and admin.token (required).")
  Path data;

  @Option(
      names = "--max-body-bytes",
      paramLabel = "N",
      description =
          "Largest request body accepted; larger ones get 413. Default: ${DEFAULT-VALUE}.")
  long maxBodyBytes = HttpSettings.DEFAULT_MAX_BODY_BYTES;

  @Option(
      names = "--public-url",
      paramLabel = "URL",
      description = "URL clients use to reach this server (for self/hub links behind a proxy).")
  URI publicUrl;

  @Option(
      names = "--standby-of",
      paramLabel = "URL",
      description =
          "Run as the standby of this primary: copy its whole database, follow it, and take over"
              + " when a client says it is unreachable and it is. Needs the primary's admin token"
              + " (--primary-token or --primary-token-file). See feed-server/README-failover.md.")
  URI standbyOf;

  @Option(
      names = "--primary-token",
      paramLabel = "TOKEN",
      description =
          "The primary's admin token (its DATA/admin.token): how the two servers of a pair"
              + " authenticate each other. Prefer env FEEDMESH_PRIMARY_TOKEN or the file option.")
  String primaryToken;

  @Option(
      names = "--primary-token-file",
      paramLabel = "FILE",
      description = "File holding the primary's admin token (e.g. a copy of its admin.token).")
  Path primaryTokenFile;

  @Option(
      names = "--lease-millis",
      paramLabel = "MS",
      description =
          "Lease on approval: a primary that could not renew it through its standby for this long"
              + " stops approving; the standby takes over no sooner. Default: ${DEFAULT-VALUE}.")
  long leaseMillis = ClusterSettings.DEFAULT_LEASE.toMillis();

  @Option(
      names = "--probe-timeout-millis",
      paramLabel = "MS",
      description =
          "How long one server of a pair waits for the other before taking it for unreachable."
              + " Default: ${DEFAULT-VALUE}.")
  long probeTimeoutMillis = ClusterSettings.DEFAULT_PROBE_TIMEOUT.toMillis();

  @Option(
      names = "--replication",
      paramLabel = "MODE",
      description =
          "sync: acknowledge a write once the standby has it (default); async: do not wait,"
              + " and lose the last writes if the primary fails.")
  String replication = "sync";

  @Option(
      names = "--hub-lease-seconds",
      paramLabel = "S",
      description =
          "WebSub lease granted when a subscriber asks for none. Default: ${DEFAULT-VALUE}.")
  long hubLeaseSeconds = HubSettings.DEFAULT_LEASE.toSeconds();

  @Option(
      names = "--hub-min-lease-seconds",
      paramLabel = "S",
      description =
          "Shortest WebSub lease granted (shorter requests are raised). Default: ${DEFAULT-VALUE}.")
  long hubMinLeaseSeconds = HubSettings.DEFAULT_MIN_LEASE.toSeconds();

  @Option(
      names = "--hub-max-lease-seconds",
      paramLabel = "S",
      description =
          "Longest WebSub lease granted (longer requests are cut). Default: ${DEFAULT-VALUE}.")
  long hubMaxLeaseSeconds = HubSettings.DEFAULT_MAX_LEASE.toSeconds();

  @Option(
      names = "--hub-signature",
      paramLabel = "ALG",
      description =
          "HMAC for X-Hub-Signature: sha1, sha256, sha384 or sha512. Default: ${DEFAULT-VALUE}.")
  String hubSignature = "sha256";

  @Option(
      names = "--hub-max-in-flight",
      paramLabel = "N",
      description = "WebSub distributions in flight at once. Default: ${DEFAULT-VALUE}.")
  int hubMaxInFlight = HubSettings.DEFAULT_MAX_IN_FLIGHT;

  @Option(
      names = "--hub-timeout-seconds",
      paramLabel = "S",
      description =
          "Whole-request timeout of each call to a subscriber. Default: ${DEFAULT-VALUE}.")
  long hubTimeoutSeconds = HubSettings.DEFAULT_CALL_TIMEOUT.toSeconds();

  @Option(
      names = "--hub-retry-base-seconds",
      paramLabel = "S",
      description =
          "First retry delay after a failed distribution; doubles per failure. Default:"
              + " ${DEFAULT-VALUE}.")
  long hubRetryBaseSeconds = HubSettings.DEFAULT_RETRY_BASE.toSeconds();

  @Option(
      names = "--hub-retry-max-seconds",
      paramLabel = "S",
      description = "Longest delay between retries. Default: ${DEFAULT-VALUE}.")
  long hubRetryMaxSeconds = HubSettings.DEFAULT_RETRY_MAX.toSeconds();

  @Option(
      names = "--hub-batch-max-entries",
      paramLabel = "N",
      description = "Most entries one distribution carries. Default: ${DEFAULT-VALUE}.")
  int hubBatchMaxEntries = HubSettings.DEFAULT_BATCH_MAX_ENTRIES;

  @Option(
      names = "--peer-ticket-seconds",
      paramLabel = "S",
      description =
          "How long a peer ticket (POST /endpoints/self/ticket) stays valid, 60 to 86400."
              + " Default: ${DEFAULT-VALUE}.")
  long peerTicketSeconds = TicketIssuer.DEFAULT_LIFETIME.toSeconds();

  private final CountDownLatch stopped = new CountDownLatch(1);
  private final List<ServerExtension> extensions;

  /** The feed server alone. */
  public ServerCommand() {
    this(List.of());
  }

  /**
   * The feed server with parts it serves but does not depend on (the browser view): the launcher's
   * composition root passes them, e.g. through a picocli factory.
   */
  public ServerCommand(List<ServerExtension> extensions) {
    this.extensions = List.copyOf(extensions);
  }

  private HubSettings hubSettings() {
    HubSettings d = HubSettings.defaults();
    return new HubSettings(
        Duration.ofSeconds(hubLeaseSeconds),
        Duration.ofSeconds(hubMinLeaseSeconds),
        Duration.ofSeconds(hubMaxLeaseSeconds),
        SignatureAlgorithm.of(hubSignature),
        hubMaxInFlight,
        d.verifyThreads(),
        d.connectTimeout(),
        Duration.ofSeconds(hubTimeoutSeconds),
        Duration.ofSeconds(hubRetryBaseSeconds),
        Duration.ofSeconds(hubRetryMaxSeconds),
        hubBatchMaxEntries,
        d.batchMaxBytes(),
        d.sweepInterval());
  }

  @Override
  public Integer call() throws Exception {
    if (data == null) {
      throw new ParameterException(
          spec.commandLine(),
          "--data DIR is required (or env FEEDMESH_DATA): where the server keeps its database");
    }
    ServerConfig cfg;
    ClusterSettings cluster;
    try {
      cfg =
          new ServerConfig(
              host,
              port,
              data,
              maxBodyBytes,
              Optional.ofNullable(publicUrl),
              Optional.ofNullable(standbyOf),
              hubSettings(),
              Duration.ofSeconds(peerTicketSeconds));
      cluster = clusterSettings();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    ClusterNode node = ClusterNode.start(cfg, cluster, extensions);
    Thread hook =
        new Thread(
            () -> {
              node.close();
              stopped.countDown();
            },
            "feedmesh-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    node.feedServer()
        .ifPresent(
            server ->
                log.info(
                    "admin token: {} (use it with 'feedmesh admin --server {} --token-file {} ...')",
                    server.adminTokenFile().toAbsolutePath(),
                    server.baseUri(),
                    server.adminTokenFile().toAbsolutePath()));
    stopped.await();
    return 0;
  }

  private ClusterSettings clusterSettings() {
    if (!replication.equals("sync") && !replication.equals("async")) {
      throw new IllegalArgumentException("--replication is sync or async, got '" + replication + "'");
    }
    Optional<String> token = Optional.ofNullable(primaryToken).map(String::strip);
    if (token.isEmpty() && primaryTokenFile != null) {
      try {
        token = Optional.of(AdminToken.read(primaryTokenFile));
      } catch (IOException e) {
        throw new IllegalArgumentException(
            "--primary-token-file " + primaryTokenFile + " cannot be read: " + e.getMessage(), e);
      }
    }
    return new ClusterSettings(
        Optional.ofNullable(standbyOf),
        token.filter(t -> !t.isEmpty()),
        Duration.ofMillis(leaseMillis),
        Duration.ofMillis(probeTimeoutMillis),
        replication.equals("sync"));
  }
}
