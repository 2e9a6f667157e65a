package org.feedmesh.agent.lan;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * {@code GET /advertisement} on the peer port: the agent's current advertisement in the same binary
 * form as the datagram ({@value #MEDIA_TYPE}), for a peer that knows this agent's address but is
 * out of broadcast reach.
 *
 * <p>Like every route but {@code /health} it needs credentials: {@code Authorization: Bearer
 * TICKET}, checked by the {@link Authorizer} (401 without or with an invalid ticket). The answer
 * only shows the namespaces the ticket grants (403 if it shares none with this agent). It grants
 * nothing itself.
 *
 * <p>Mount it in a Jetty 12 ee10 {@code ServletContextHandler}: {@code context.addServlet(new
 * ServletHolder(servlet), AdvertisementServlet.PATH)}.
 */
public final class AdvertisementServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  public static final String PATH = "/advertisement";
  public static final String MEDIA_TYPE = "application/vnd.feedmesh.advertisement";

  /** Checks a bearer ticket: the namespaces it grants, or empty if it is not valid (now). */
  @FunctionalInterface
  public interface Authorizer {
    Optional<Set<String>> namespaces(String bearerTicket);
  }

  private final transient Supplier<Advertisement> current;
  private final transient Authorizer authorizer;

  /**
   * @param current what to serve, e.g. {@code announcer::current}
   */
  public AdvertisementServlet(Supplier<Advertisement> current, Authorizer authorizer) {
    this.current = Objects.requireNonNull(current, "current");
    this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
  }

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String header = req.getHeader("Authorization");
    Optional<Set<String>> granted = Optional.empty();
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      granted = authorizer.namespaces(header.substring(7).trim());
    }
    if (granted.isEmpty()) {
      resp.setHeader("WWW-Authenticate", "Bearer");
      error(resp, 401, "a valid peer ticket is required");
      return;
    }
    Advertisement ad = current.get();
    Map<String, Long> shared = new TreeMap<>(ad.cursors());
    shared.keySet().retainAll(granted.get());
    if (shared.isEmpty()) {
      error(resp, 403, "the ticket shares no namespace with this agent");
      return;
    }
    byte[] body =
        AdvertisementCodec.encode(ad.withCursors(shared), AdvertisementCodec.MAX_TCP_BYTES);
    resp.setStatus(200);
    resp.setContentType(MEDIA_TYPE);
    resp.setHeader("Cache-Control", "no-store");
    resp.setContentLength(body.length);
    resp.getOutputStream().write(body);
  }

  private static void error(HttpServletResponse resp, int status, String message)
      throws IOException {
    byte[] body = ("{\"error\": \"" + message + "\"}").getBytes(StandardCharsets.UTF_8);
    resp.setStatus(status);
    resp.setContentType("application/json");
    resp.setContentLength(body.length);
    resp.getOutputStream().write(body);
  }
}
