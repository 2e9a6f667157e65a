package org.feedmesh.agent;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.feedmesh.agent.blocks.ChunkerParams;
import org.feedmesh.agent.lan.LanSettings;
import org.feedmesh.agent.lan.PeerAddress;

/**
 * Everything one agent needs: the servers (primary first), its token, the namespace and folder it
 * keeps in sync, where its own state lives, and how it listens for peers.
 *
 * @param stateDir the agent's database and versions; default {@code FOLDER/.feedmesh}
 * @param peerHost address the peer port listens on ({@code 0.0.0.0}: every interface)
 * @param peerPort the peer port (0: any free port)
 * @param peerUrls the URLs other endpoints should use to reach this one (empty: derived)
 * @param useLookup whether to ask the blob lookup for holders (off only to test LAN discovery)
 * @param lan LAN advertisement settings; null turns LAN discovery off
 * @param peers peers to ask for their advertisement over TCP ({@code --peer HOST:PORT})
 * @param failoverTimeout how long one request to the servers keeps trying them before it fails
 *     (default 30 s; a change whose publish failed is published again when the server is back)
 */
public record AgentConfig(
    List<URI> servers,
    String token,
    String namespace,
    Path folder,
    Path stateDir,
    String peerHost,
    int peerPort,
    List<URI> peerUrls,
    Duration debounce,
    Duration rescanInterval,
    Duration announceInterval,
    Duration versionsRetention,
    ChunkerParams chunker,
    boolean useLookup,
    boolean progressBar,
    LanSettings lan,
    List<PeerAddress> peers,
    Duration failoverTimeout) {

  public AgentConfig {
    servers = List.copyOf(servers);
    if (servers.isEmpty()) {
      throw new IllegalArgumentException("at least one --server URL is needed");
    }
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(namespace, "namespace");
    folder = folder.toAbsolutePath().normalize();
    stateDir = stateDir == null ? folder.resolve(".feedmesh") : stateDir.toAbsolutePath().normalize();
    peerHost = peerHost == null ? "0.0.0.0" : peerHost;
    if (peerPort < 0 || peerPort > 65535) {
      throw new IllegalArgumentException("--peer-port must be 0..65535, got " + peerPort);
    }
    peerUrls = peerUrls == null ? List.of() : List.copyOf(peerUrls);
    debounce = debounce == null ? Duration.ofMillis(100) : debounce;
    rescanInterval = rescanInterval == null ? Duration.ofMinutes(5) : rescanInterval;
    announceInterval = announceInterval == null ? Duration.ofSeconds(30) : announceInterval;
    versionsRetention = versionsRetention == null ? Duration.ofDays(30) : versionsRetention;
    chunker = chunker == null ? ChunkerParams.DEFAULT : chunker;
    peers = peers == null ? List.of() : List.copyOf(peers);
    failoverTimeout = failoverTimeout == null ? Duration.ofSeconds(30) : failoverTimeout;
    if (failoverTimeout.isNegative() || failoverTimeout.isZero()) {
      throw new IllegalArgumentException(
          "the failover timeout must be positive, got " + failoverTimeout);
    }
  }

  /** Everything but the failover timeout, which takes its default. */
  public AgentConfig(List<URI> servers, String token, String namespace, Path folder, Path stateDir,
      String peerHost, int peerPort, List<URI> peerUrls, Duration debounce,
      Duration rescanInterval, Duration announceInterval, Duration versionsRetention,
      ChunkerParams chunker, boolean useLookup, boolean progressBar, LanSettings lan,
      List<PeerAddress> peers) {
    this(servers, token, namespace, folder, stateDir, peerHost, peerPort, peerUrls, debounce,
        rescanInterval, announceInterval, versionsRetention, chunker, useLookup, progressBar, lan,
        peers, null);
  }

  /** Defaults for everything but the essentials; LAN discovery off (see {@link #withLan}). */
  public static AgentConfig of(URI server, String token, String namespace, Path folder) {
    return new AgentConfig(List.of(server), token, namespace, folder, null, null, 0, List.of(),
        null, null, null, null, null, true, false, null, List.of());
  }

  public AgentConfig withPeer(String host, int port) {
    return new AgentConfig(servers, token, namespace, folder, stateDir, host, port, peerUrls,
        debounce, rescanInterval, announceInterval, versionsRetention, chunker, useLookup,
        progressBar, lan, peers, failoverTimeout);
  }

  public AgentConfig withPeerUrls(List<URI> urls) {
    return new AgentConfig(servers, token, namespace, folder, stateDir, peerHost, peerPort, urls,
        debounce, rescanInterval, announceInterval, versionsRetention, chunker, useLookup,
        progressBar, lan, peers, failoverTimeout);
  }

  public AgentConfig withLan(LanSettings settings, List<PeerAddress> staticPeers) {
    return new AgentConfig(servers, token, namespace, folder, stateDir, peerHost, peerPort,
        peerUrls, debounce, rescanInterval, announceInterval, versionsRetention, chunker, useLookup,
        progressBar, settings, staticPeers, failoverTimeout);
  }

  public AgentConfig withChunker(ChunkerParams params) {
    return new AgentConfig(servers, token, namespace, folder, stateDir, peerHost, peerPort,
        peerUrls, debounce, rescanInterval, announceInterval, versionsRetention, params, useLookup,
        progressBar, lan, peers, failoverTimeout);
  }

  public AgentConfig withStateDir(Path dir) {
    return new AgentConfig(servers, token, namespace, folder, dir, peerHost, peerPort, peerUrls,
        debounce, rescanInterval, announceInterval, versionsRetention, chunker, useLookup,
        progressBar, lan, peers, failoverTimeout);
  }

  public AgentConfig withLookup(boolean use) {
    return new AgentConfig(servers, token, namespace, folder, stateDir, peerHost, peerPort,
        peerUrls, debounce, rescanInterval, announceInterval, versionsRetention, chunker, use,
        progressBar, lan, peers, failoverTimeout);
  }

  public AgentConfig withFailoverTimeout(Duration timeout) {
    return new AgentConfig(servers, token, namespace, folder, stateDir, peerHost, peerPort,
        peerUrls, debounce, rescanInterval, announceInterval, versionsRetention, chunker, useLookup,
        progressBar, lan, peers, timeout);
  }

  public AgentConfig withProgressBar(boolean on) {
    return new AgentConfig(servers, token, namespace, folder, stateDir, peerHost, peerPort,
        peerUrls, debounce, rescanInterval, announceInterval, versionsRetention, chunker, useLookup,
        on, lan, peers, failoverTimeout);
  }
}
