package org.feedmesh.agent.peer;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's peer port: serves the blocks this agent holds ({@code GET/HEAD /blocks/{hash}}) to
 * endpoints that show a peer ticket for the namespace, and whatever other routes were added before
 * start (for example {@code GET /advertisement}). Jetty 12 with plain servlets.
 *
 * <p>{@link #start} binds and serves; {@link #close} stops (uploads in flight are cut).
 * Thread-safe.
 */
public final class PeerServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PeerServer.class);

  /** Collects routes, then starts the server; not thread-safe, use once. */
  public static final class Builder {
    private final PeerSettings settings;
    private final TicketVerifier verifier;
    private final String namespace;
    private final BlockProvider blocks;
    private final Map<String, HttpServlet> routes = new LinkedHashMap<>();

    private Builder(
        PeerSettings settings, TicketVerifier verifier, String namespace, BlockProvider blocks) {
      this.settings = Objects.requireNonNull(settings, "settings");
      this.verifier = Objects.requireNonNull(verifier, "verifier");
      if (namespace == null || !Ticket.NAME.matcher(namespace).matches()) {
        throw new IllegalArgumentException(
            "the peer port serves a valid namespace, got " + namespace);
      }
      this.namespace = namespace;
      this.blocks = Objects.requireNonNull(blocks, "blocks");
    }

    /**
     * Serves {@code pathSpec} (a servlet path spec such as {@code /advertisement} or {@code
     * /things/*}) with {@code servlet}. The servlet does its own authentication, if any.
     */
    public Builder route(String pathSpec, HttpServlet servlet) {
      Objects.requireNonNull(servlet, "servlet");
      if (pathSpec == null
          || !pathSpec.startsWith("/")
          || pathSpec.startsWith("/blocks")
          || pathSpec.equals("/")) {
        throw new IllegalArgumentException(
            "a route is a path spec starting with '/', other than / and /blocks, got " + pathSpec);
      }
      if (routes.putIfAbsent(pathSpec, servlet) != null) {
        throw new IllegalArgumentException("route " + pathSpec + " is already taken");
      }
      return this;
    }

    public PeerServer start() throws IOException {
      return new PeerServer(this);
    }
  }

  private final PeerSettings settings;
  private final Server server;
  private final ServerConnector connector;
  private final BlockServlet blockServlet;

  /** A builder, to add routes before start. */
  public static Builder builder(
      PeerSettings settings, TicketVerifier verifier, String namespace, BlockProvider blocks) {
    return new Builder(settings, verifier, namespace, blocks);
  }

  /** Starts a peer server that serves blocks only. */
  public static PeerServer start(
      PeerSettings settings, TicketVerifier verifier, String namespace, BlockProvider blocks)
      throws IOException {
    return builder(settings, verifier, namespace, blocks).start();
  }

  private PeerServer(Builder b) throws IOException {
    this.settings = b.settings;
    QueuedThreadPool threads = new QueuedThreadPool(settings.maxUploads() + 16, 2);
    threads.setName("peer");
    threads.setDaemon(true);
    server = new Server(threads);
    server.setStopAtShutdown(false);
    connector = new ServerConnector(server, 1, 1);
    connector.setHost(settings.host());
    connector.setPort(settings.port());
    connector.setIdleTimeout(settings.idleTimeout().toMillis());
    server.addConnector(connector);

    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    blockServlet = new BlockServlet(b.verifier, b.namespace, b.blocks, settings);
    context.addServlet(new ServletHolder("blocks", blockServlet), "/blocks/*");
    b.routes.forEach((spec, servlet) -> context.addServlet(new ServletHolder(spec, servlet), spec));
    context.addServlet(new ServletHolder("none", new NotFound()), "/");
    server.setHandler(context);
    try {
      server.start();
    } catch (Exception e) {
      close();
      throw new IOException(
          "could not start the peer port on "
              + settings.host()
              + ":"
              + settings.port()
              + ": "
              + e.getMessage(),
          e);
    }
    log.info("peer port serving namespace {} on {}", b.namespace, baseUri());
  }

  /** The bound port (the real one when the settings asked for 0). */
  public int port() {
    return connector.getLocalPort();
  }

  /** Where local peers reach this server, ending in {@code /}; a wildcard bind is 127.0.0.1. */
  public URI baseUri() {
    String host = settings.host();
    if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
      host = "127.0.0.1";
    } else if (host.contains(":") && !host.startsWith("[")) {
      host = "[" + host + "]";
    }
    return URI.create("http://" + host + ":" + port() + "/");
  }

  /** Block bytes sent so far, by requesting endpoint id (sorted snapshot). */
  public Map<String, Long> bytesServed() {
    Map<String, Long> out = new TreeMap<>();
    blockServlet.served().forEach((id, n) -> out.put(id, n.sum()));
    return out;
  }

  /** Block bytes sent so far to one endpoint. */
  public long bytesServedTo(String endpointId) {
    var n = blockServlet.served().get(endpointId);
    return n == null ? 0 : n.sum();
  }

  /** Blocks being sent right now. */
  public int uploadsInFlight() {
    return blockServlet.uploadsInFlight();
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      log.warn("the peer port did not stop cleanly", e);
    }
  }

  /** Anything not routed: 404 in the JSON error shape. */
  private static final class NotFound extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      JsonErrors.send(resp, 404, "no such path on the peer port: " + req.getRequestURI());
    }
  }
}
