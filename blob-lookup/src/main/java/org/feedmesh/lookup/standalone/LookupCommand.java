package org.feedmesh.lookup.standalone;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.feedmesh.lookup.LookupSettings;
import org.feedmesh.platform.config.ConfigOption;
import org.feedmesh.platform.http.HttpSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code feedmesh lookup}: runs the blob lookup service on its own until SIGTERM / Ctrl-C. */
@Command(
    name = "lookup",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the FeedMesh blob lookup on its own (the feed server also serves it, at /blobs).",
      "Tokens are checked with the feed server's GET /whoami (--server), each answer reused for"
          + " --token-cache-seconds, so a revoked token stops working within that time.",
      "On first start it writes its own admin token to DATA/lookup-admin.token (mode 600).",
      "Every option can also come from env FEEDMESH_<OPTION> (e.g. FEEDMESH_PORT) or --config."
    })
public final class LookupCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ConfigOption config;

  @Option(
      names = "--port",
      defaultValue = "" + LookupConfig.DEFAULT_PORT,
      description = "TCP port (0: any free port). Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(
      names = "--host",
      defaultValue = "0.0.0.0",
      description =
          "Address to listen on. Default ${DEFAULT-VALUE} (every interface, so agents on"
              + " other machines can connect); 127.0.0.1 accepts local clients only.")
  String host;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "Directory for the database and lookup-admin.token (required).")
  Path data;

  @Option(
      names = "--server",
      paramLabel = "URL",
      description =
          "The feed server whose GET /whoami checks tokens. Without it only the"
              + " lookup's own admin token works.")
  URI server;

  @Option(
      names = "--token-cache-seconds",
      paramLabel = "N",
      defaultValue = "30",
      description =
          "How long a token check by the feed server is reused." + " Default: ${DEFAULT-VALUE}.")
  long tokenCacheSeconds;

  @Option(
      names = "--default-ttl-seconds",
      paramLabel = "N",
      defaultValue = "600",
      description = "Lifetime of a locator registered without a ttl. Default: ${DEFAULT-VALUE}.")
  long defaultTtlSeconds;

  @Option(
      names = "--max-ttl-seconds",
      paramLabel = "N",
      defaultValue = "3600",
      description =
          "Longest lifetime a registration or heartbeat may ask for; bounds how long an"
              + " endpoint that went offline stays in answers. Default: ${DEFAULT-VALUE}.")
  long maxTtlSeconds;

  @Option(
      names = "--max-batch",
      paramLabel = "N",
      defaultValue = "10000",
      description =
          "Most blob ids plus block hashes in one batch lookup." + " Default: ${DEFAULT-VALUE}.")
  int maxBatch;

  @Option(
      names = "--max-body-bytes",
      paramLabel = "N",
      description =
          "Largest request body accepted; larger ones get 413." + " Default: ${DEFAULT-VALUE}.")
  long maxBodyBytes = HttpSettings.DEFAULT_MAX_BODY_BYTES;

  private final CountDownLatch stopped = new CountDownLatch(1);

  /** Checks the options and builds the process configuration. */
  LookupConfig lookupConfig() {
    if (data == null) {
      throw new ParameterException(
          spec.commandLine(),
          "--data DIR is required (or env FEEDMESH_DATA): where the lookup keeps its database");
    }
    try {
      LookupSettings settings =
          LookupSettings.builder()
              .defaultTtl(Duration.ofSeconds(defaultTtlSeconds))
              .maxTtl(Duration.ofSeconds(maxTtlSeconds))
              .maxBatchIds(maxBatch)
              .build();
      return new LookupConfig(
          HttpSettings.of(host, port).withMaxBodyBytes(maxBodyBytes),
          data,
          Optional.ofNullable(server),
          Duration.ofSeconds(tokenCacheSeconds),
          settings);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }

  @Override
  public Integer call() throws Exception {
    LookupConfig cfg = lookupConfig();
    OkHttpClient client =
        new OkHttpClient.Builder()
            .connectTimeout(5, TimeUnit.SECONDS)
            .readTimeout(10, TimeUnit.SECONDS)
            .socketFactory(new org.feedmesh.platform.http.NoDelaySockets())
            .build();
    StandaloneLookup lookup = StandaloneLookup.start(cfg, Clock.systemUTC(), client);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  lookup.close();
                  stopped.countDown();
                },
                "feedmesh-lookup-shutdown"));
    stopped.await();
    return 0;
  }
}
