package org.feedmesh.agent.peer;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;
import org.feedmesh.feedsync.fm.Sha256;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET/HEAD /blocks/{hash}}: checks the ticket (401), its namespace (403), the hash (400),
 * the upload limit (503 with {@code Retry-After}), then finds the block (404), re-reads and
 * verifies it (404 when the disk no longer holds it) and sends it. Counts the bytes sent to each
 * requesting endpoint.
 */
final class BlockServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final Logger log = LoggerFactory.getLogger(BlockServlet.class);

  private final transient TicketVerifier verifier;
  private final String namespace;
  private final transient BlockProvider blocks;
  private final transient Semaphore uploads;
  private final int maxUploads;
  private final long retryAfterSeconds;
  private final transient Map<String, LongAdder> served = new ConcurrentHashMap<>();

  BlockServlet(
      TicketVerifier verifier, String namespace, BlockProvider blocks, PeerSettings settings) {
    this.verifier = verifier;
    this.namespace = namespace;
    this.blocks = blocks;
    this.maxUploads = settings.maxUploads();
    this.uploads = new Semaphore(maxUploads);
    this.retryAfterSeconds = settings.retryAfter().toSeconds();
  }

  Map<String, LongAdder> served() {
    return served;
  }

  int uploadsInFlight() {
    return maxUploads - uploads.availablePermits();
  }

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    serve(req, resp, true);
  }

  @Override
  protected void doHead(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    serve(req, resp, false);
  }

  private void serve(HttpServletRequest req, HttpServletResponse resp, boolean body)
      throws IOException {
    Optional<Ticket> ticket = ticket(req, resp);
    if (ticket.isEmpty()) {
      return;
    }
    if (!ticket.get().mayRead(namespace)) {
      JsonErrors.send(
          resp,
          403,
          "endpoint '"
              + ticket.get().endpointId()
              + "' has no ticket for namespace '"
              + namespace
              + "'");
      return;
    }
    String path = req.getPathInfo();
    String hash = path == null ? "" : path.substring(1);
    if (!Sha256.isHex(hash)) {
      JsonErrors.send(resp, 400, "a block is named by its SHA-256: 64 lowercase hex digits");
      return;
    }
    if (!uploads.tryAcquire()) {
      resp.setHeader("Retry-After", Long.toString(retryAfterSeconds));
      JsonErrors.send(resp, 503, "busy: " + maxUploads + " uploads in flight, retry later");
      return;
    }
    try {
      send(hash, ticket.get().endpointId(), resp, body);
    } finally {
      uploads.release();
    }
  }

  private Optional<Ticket> ticket(HttpServletRequest req, HttpServletResponse resp)
      throws IOException {
    String auth = req.getHeader("Authorization");
    String message = "a peer ticket is required: Authorization: Bearer <ticket>";
    if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
      try {
        return Optional.of(verifier.verify(auth.substring(7).trim()));
      } catch (InvalidTicketException e) {
        message = "invalid peer ticket: " + e.getMessage();
      }
    }
    resp.setHeader("WWW-Authenticate", "Bearer realm=\"FeedMesh peer\"");
    JsonErrors.send(resp, 401, message);
    return Optional.empty();
  }

  private void send(String hash, String requester, HttpServletResponse resp, boolean body)
      throws IOException {
    Optional<BlockFile> where = blocks.locate(hash);
    if (where.isEmpty()) {
      JsonErrors.send(resp, 404, "block " + hash + " is not held here");
      return;
    }
    BlockFile block = where.get();
    boolean buffered = block.size() <= BlockReader.BUFFER_LIMIT;
    Optional<byte[]> data = buffered ? BlockReader.readVerified(block, hash) : Optional.empty();
    if (buffered ? data.isEmpty() : !BlockReader.holds(block, hash)) {
      log.debug("block {} no longer matches {} at {}", hash, block.file(), block.offset());
      JsonErrors.send(resp, 404, "block " + hash + " is not held here any more");
      return;
    }
    resp.setStatus(200);
    resp.setContentType("application/octet-stream");
    resp.setContentLengthLong(block.size());
    resp.setHeader("Cache-Control", "no-store");
    if (!body) {
      return;
    }
    if (buffered) {
      resp.getOutputStream().write(data.get());
    } else {
      BlockReader.stream(block, hash, resp.getOutputStream());
    }
    resp.flushBuffer();
    served.computeIfAbsent(requester, k -> new LongAdder()).add(block.size());
  }
}
