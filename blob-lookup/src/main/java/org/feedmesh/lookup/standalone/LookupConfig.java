package org.feedmesh.lookup.standalone;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.feedmesh.lookup.LookupSettings;
import org.feedmesh.platform.http.HttpSettings;

/**
 * Everything a standalone lookup process is configured with, validated once at start-up.
 *
 * @param http where it listens and its body limit
 * @param dataDir where its database ({@code lookup.mv.db}) and {@code lookup-admin.token} live
 * @param feedServer the feed server whose {@code GET /whoami} vouches for tokens; without one, only
 *     this lookup's own admin token works
 * @param tokenCacheTtl how long a token's answer from the feed server is reused (so a revoked token
 *     stops working here within this bound)
 * @param settings the lookup's own settings
 */
public record LookupConfig(
    HttpSettings http,
    Path dataDir,
    Optional<URI> feedServer,
    Duration tokenCacheTtl,
    LookupSettings settings) {
  public static final int DEFAULT_PORT = 8090;
  public static final Duration DEFAULT_TOKEN_CACHE_TTL = Duration.ofSeconds(30);

  public LookupConfig {
    Objects.requireNonNull(http, "http");
    Objects.requireNonNull(dataDir, "--data DIR is required: where the lookup keeps its database");
    Objects.requireNonNull(feedServer, "feedServer");
    Objects.requireNonNull(settings, "settings");
    feedServer.ifPresent(
        u -> {
          String scheme = u.getScheme();
          if (!("http".equals(scheme) || "https".equals(scheme)) || u.getHost() == null) {
            throw new IllegalArgumentException(
                "--server must be an http(s) URL with a host, got " + u);
          }
        });
    if (tokenCacheTtl == null || tokenCacheTtl.isNegative()) {
      throw new IllegalArgumentException(
          "--token-cache-seconds must be >= 0, got " + tokenCacheTtl);
    }
  }

  /** Loopback, random port, default settings: for tests. */
  public static LookupConfig loopback(Path dataDir, Optional<URI> feedServer) {
    return new LookupConfig(
        HttpSettings.loopback(),
        dataDir,
        feedServer,
        DEFAULT_TOKEN_CACHE_TTL,
        LookupSettings.defaults());
  }
}
