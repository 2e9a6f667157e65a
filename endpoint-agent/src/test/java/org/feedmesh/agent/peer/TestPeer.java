package org.feedmesh.agent.peer;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A tiny real HTTP server that plays a peer which misbehaves as the test says (lies, is busy),
 * counting the requests it gets and how many it handled at once.
 */
final class TestPeer implements AutoCloseable {
  @FunctionalInterface
  interface Answer {
    /**
     * @param n how many block requests came before this one
     */
    void answer(String hash, int n, HttpServletResponse resp) throws IOException;
  }

  /** Answers {@code POST /blocks}; a peer without one answers 405, as an older peer would. */
  @FunctionalInterface
  interface BatchAnswer {
    void answer(List<String> hashes, HttpServletResponse resp) throws IOException;
  }

  final AtomicInteger requests = new AtomicInteger();
  final AtomicInteger batches = new AtomicInteger();
  final AtomicInteger concurrent = new AtomicInteger();
  final AtomicInteger maxConcurrent = new AtomicInteger();
  private final Server server = new Server();
  private final ServerConnector connector = new ServerConnector(server);

  TestPeer(Answer answer) throws Exception {
    this(answer, null);
  }

  TestPeer(Answer answer, BatchAnswer batch) throws Exception {
    connector.setHost("127.0.0.1");
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.addServlet(
        new ServletHolder(
            new HttpServlet() {
              @Override
              protected void doGet(HttpServletRequest req, HttpServletResponse resp)
                  throws IOException {
                int now = concurrent.incrementAndGet();
                maxConcurrent.accumulateAndGet(now, Math::max);
                try {
                  answer.answer(req.getPathInfo().substring(1), requests.getAndIncrement(), resp);
                } finally {
                  concurrent.decrementAndGet();
                }
              }

              @Override
              protected void doPost(HttpServletRequest req, HttpServletResponse resp)
                  throws IOException {
                batches.incrementAndGet();
                if (batch == null) {
                  resp.setHeader("Allow", "GET");
                  resp.setStatus(405);
                  return;
                }
                String body = new String(req.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                batch.answer(List.of(body.strip().split("\n")), resp);
              }
            }),
        "/blocks/*");
    server.setHandler(context);
    server.start();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/");
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }
}
