package org.feedmesh.platform.http;

import java.io.IOException;
import java.net.URI;
import java.util.Objects;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.server.handler.StatisticsHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.servlet.ServletContainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedded Jetty 12 (ee10) server that runs one Jersey application at {@code /}.
 *
 * <p>The constructor adds to the given {@link ResourceConfig} what every FeedMesh process shares:
 * Jackson JSON (without Jackson's own error mappers), the exception mappers that give every error
 * the JSON shape {@code {"error": "...", "status": N, ...}}, the request body limit from {@link
 * HttpSettings#maxBodyBytes()} (413, also for chunked bodies), and debug request logging. The
 * caller registers its resources and, when it needs authentication, an {@code
 * org.feedmesh.platform.auth.AuthFilter}. The Jersey servlet runs with async support on, so
 * {@code @Suspended AsyncResponse} (long-poll) and SSE hold no thread while they wait.
 *
 * <p>Lifecycle: {@link #start()} once, then {@link #close()} (or {@link #stop()}). Not reusable
 * after it stopped. Thread-safe.
 */
public final class HttpServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HttpServer.class);

  private static final long SHUTDOWN_IDLE_MILLIS = 100;

  /**
   * Jersey warns "registered in SERVER runtime does not implement any provider interfaces" for
   * every resource registered as an instance (jersey issue 3700); the resources work. Held here so
   * the level sticks (java.util.logging keeps loggers only weakly).
   */
  private static final java.util.logging.Logger JERSEY_PROVIDERS =
      java.util.logging.Logger.getLogger("org.glassfish.jersey.internal.inject.Providers");

  static {
    JERSEY_PROVIDERS.setLevel(java.util.logging.Level.SEVERE);
  }

  private final HttpSettings settings;
  private final Server server;
  private final ServerConnector connector;
  private final StatisticsHandler statistics;

  public HttpServer(HttpSettings settings, ResourceConfig application) {
    this.settings = Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(application, "application");
    application
        .register(JacksonFeature.withoutExceptionMappers())
        .register(ErrorMappers.ApiExceptionMapper.class)
        .register(ErrorMappers.WebApplicationExceptionMapper.class)
        .register(ErrorMappers.UnhandledExceptionMapper.class)
        .register(new BodyLimitFilter(settings.maxBodyBytes()))
        .register(RequestLog.class)
        // Errors without an entity must not go through the servlet container's HTML error page.
        .property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true)
        .property(ServerProperties.WADL_FEATURE_DISABLE, true);

    QueuedThreadPool threads = new QueuedThreadPool(settings.maxThreads(), 4);
    threads.setName("http");
    server = new Server(threads);
    server.setStopTimeout(settings.stopTimeout().toMillis());
    server.setStopAtShutdown(false);
    server.setErrorHandler(new JsonErrorHandler());

    connector = new ServerConnector(server);
    connector.setHost(settings.host());
    connector.setPort(settings.port());
    connector.setIdleTimeout(settings.idleTimeout().toMillis());
    // At stop, keep-alive connections idle this long are closed instead of holding stop up.
    connector.setShutdownIdleTimeout(SHUTDOWN_IDLE_MILLIS);
    server.addConnector(connector);

    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    context.setErrorHandler(new JsonErrorHandler());
    ServletHolder jersey = new ServletHolder("jersey", new ServletContainer(application));
    jersey.setAsyncSupported(true);
    jersey.setInitOrder(0);
    context.addServlet(jersey, "/*");
    // Outermost, so every response body is counted, error pages included.
    statistics = new StatisticsHandler(new GracefulHandler(context));
    server.setHandler(statistics);
  }

  /** Binds the port and starts serving; fails with an IOException saying what could not start. */
  public void start() throws IOException {
    try {
      server.start();
    } catch (Exception e) {
      stopQuietly();
      throw new IOException(
          "could not start HTTP server on "
              + settings.host()
              + ":"
              + settings.port()
              + ": "
              + e.getMessage(),
          e);
    }
    log.debug("HTTP server listening on {}", baseUri());
  }

  /** The bound port; the real one when the settings asked for port 0. Valid after start. */
  public int port() {
    int port = connector.getLocalPort();
    if (port <= 0) {
      throw new IllegalStateException("the HTTP server is not running");
    }
    return port;
  }

  /**
   * Where local clients reach this server, ending in {@code /}. A wildcard bind address ({@code
   * 0.0.0.0}, {@code ::}) is reported as {@code 127.0.0.1}.
   */
  public URI baseUri() {
    String host = settings.host();
    if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
      host = "127.0.0.1";
    } else if (host.contains(":") && !host.startsWith("[")) {
      host = "[" + host + "]";
    }
    return URI.create("http://" + host + ":" + port() + "/");
  }

  /**
   * Response bytes this server has written since it started, all requests and statuses, as Jetty
   * counts them when each write completes (body bytes, not headers; before any compression).
   */
  public long bytesWritten() {
    return statistics.getBytesWritten();
  }

  public boolean isRunning() {
    return server.isRunning();
  }

  /** Stops accepting, lets requests in flight finish up to the stop timeout, then closes. */
  public void stop() {
    if (server.isStopped()) {
      return;
    }
    try {
      server.stop();
    } catch (Exception e) {
      log.warn("HTTP server did not stop cleanly", e);
    }
  }

  @Override
  public void close() {
    stop();
  }

  private void stopQuietly() {
    try {
      server.stop();
    } catch (Exception ignored) {
      // start already failed; that failure is the one to report
    }
  }
}
