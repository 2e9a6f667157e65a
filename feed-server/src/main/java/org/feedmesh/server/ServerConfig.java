package org.feedmesh.server;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.feedmesh.platform.http.HttpSettings;
import org.feedmesh.server.hub.HubSettings;

/**
 * Everything a feed server process is configured with, validated once at start-up.
 *
 * @param host address to bind ({@code 0.0.0.0}: every interface, the default of {@code server})
 * @param port TCP port; 0 picks a free one
 * @param dataDir where the database and {@code admin.token} live; created if missing
 * @param maxBodyBytes largest request body accepted (413 above)
 * @param publicUrl the URL clients use to reach this server, for self and hub links; empty means
 *     the URL of each request
 * @param standbyOf the primary this server stands by for (see {@code cluster.ClusterSettings})
 * @param hub how the WebSub hub behaves (leases, signatures, retries, batches)
 */
public record ServerConfig(
    String host,
    int port,
    Path dataDir,
    long maxBodyBytes,
    Optional<URI> publicUrl,
    Optional<URI> standbyOf,
    HubSettings hub) {

  public static final String DEFAULT_HOST = "0.0.0.0";
  public static final int DEFAULT_PORT = 8080;

  public ServerConfig {
    Objects.requireNonNull(dataDir, "--data DIR is required: where the server keeps its database");
    Objects.requireNonNull(publicUrl, "publicUrl");
    Objects.requireNonNull(standbyOf, "standbyOf");
    Objects.requireNonNull(hub, "hub");
    // Host, port and body limit are checked by the HTTP settings.
    HttpSettings.of(Objects.requireNonNull(host, "host"), port).withMaxBodyBytes(maxBodyBytes);
    publicUrl.ifPresent(u -> requireHttpUrl("--public-url", u));
    standbyOf.ifPresent(u -> requireHttpUrl("--standby-of", u));
  }

  /** The given settings with the default hub settings. */
  public ServerConfig(
      String host,
      int port,
      Path dataDir,
      long maxBodyBytes,
      Optional<URI> publicUrl,
      Optional<URI> standbyOf) {
    this(host, port, dataDir, maxBodyBytes, publicUrl, standbyOf, HubSettings.defaults());
  }

  /** Defaults for everything but the data directory: every interface, port 8080. */
  public static ServerConfig of(Path dataDir) {
    return new ServerConfig(
        DEFAULT_HOST,
        DEFAULT_PORT,
        dataDir,
        HttpSettings.DEFAULT_MAX_BODY_BYTES,
        Optional.empty(),
        Optional.empty());
  }

  /** Loopback, random port: for tests and the demo. */
  public static ServerConfig loopback(Path dataDir) {
    return new ServerConfig(
        "127.0.0.1",
        0,
        dataDir,
        HttpSettings.DEFAULT_MAX_BODY_BYTES,
        Optional.empty(),
        Optional.empty());
  }

  public ServerConfig withMaxBodyBytes(long bytes) {
    return new ServerConfig(host, port, dataDir, bytes, publicUrl, standbyOf, hub);
  }

  public ServerConfig withPort(int newPort) {
    return new ServerConfig(host, newPort, dataDir, maxBodyBytes, publicUrl, standbyOf, hub);
  }

  public ServerConfig withHub(HubSettings settings) {
    return new ServerConfig(host, port, dataDir, maxBodyBytes, publicUrl, standbyOf, settings);
  }

  public HttpSettings http() {
    return HttpSettings.of(host, port).withMaxBodyBytes(maxBodyBytes);
  }

  private static void requireHttpUrl(String option, URI uri) {
    String scheme = uri.getScheme();
    if (scheme == null
        || !(scheme.equals("http") || scheme.equals("https"))
        || uri.getHost() == null) {
      throw new IllegalArgumentException(
          option + " must be an http(s) URL with a host, got " + uri);
    }
  }
}
