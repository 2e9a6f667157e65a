package org.feedmesh.agent.peer;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
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
 * verifies it (404 when the disk no longer holds it) and sends it.
 *
 * <p>{@code POST /blocks} asks for many blocks in one request: the body is {@code text/plain}, one
 * hash per line, at most {@link #MAX_BATCH}. After the same ticket and upload checks (the request
 * takes one upload slot), the answer is {@value #BATCH_TYPE}: for each hash, in the order asked, a
 * line {@code "<hash> <size>\n"} followed by exactly that many bytes of the block, re-read and
 * verified, or a line {@code "<hash> -\n"} when it is not held (or the disk no longer holds it).
 *
 * <p>Counts the bytes sent to each requesting endpoint.
 */
final class BlockServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final Logger log = LoggerFactory.getLogger(BlockServlet.class);

  /** The most hashes one {@code POST /blocks} may ask for. */
  static final int MAX_BATCH = 256;

  /** The media type of a batch answer. */
  static final String BATCH_TYPE = "application/vnd.feedmesh.blocks";

  /** A batch body: at most {@link #MAX_BATCH} lines of 64 hex digits and a line end ({@code \r\n}). */
  private static final int MAX_BATCH_BODY = MAX_BATCH * 66;

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

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    Optional<Ticket> ticket = reader(req, resp);
    if (ticket.isEmpty()) {
      return;
    }
    String path = req.getPathInfo();
    if (path != null && !path.equals("/")) {
      resp.setHeader("Allow", "GET, HEAD");
      JsonErrors.send(resp, 405, "a block is read with GET; POST /blocks asks for many at once");
      return;
    }
    Optional<List<String>> hashes = batch(req, resp);
    if (hashes.isEmpty()) {
      return;
    }
    if (!uploads.tryAcquire()) {
      busy(resp);
      return;
    }
    try {
      sendAll(hashes.get(), ticket.get().endpointId(), resp);
    } finally {
      uploads.release();
    }
  }

  /** The ticket of a requester who may read this namespace; empty after answering 401 or 403. */
  private Optional<Ticket> reader(HttpServletRequest req, HttpServletResponse resp)
      throws IOException {
    Optional<Ticket> ticket = ticket(req, resp);
    if (ticket.isPresent() && !ticket.get().mayRead(namespace)) {
      JsonErrors.send(
          resp,
          403,
          "endpoint '"
              + ticket.get().endpointId()
              + "' has no ticket for namespace '"
              + namespace
              + "'");
      return Optional.empty();
    }
    return ticket;
  }

  private void busy(HttpServletResponse resp) throws IOException {
    resp.setHeader("Retry-After", Long.toString(retryAfterSeconds));
    JsonErrors.send(resp, 503, "busy: " + maxUploads + " uploads in flight, retry later");
  }

  /** The hashes a batch asks for; empty after answering 400, 413 or 415. */
  private static Optional<List<String>> batch(HttpServletRequest req, HttpServletResponse resp)
      throws IOException {
    String type = req.getContentType();
    if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("text/plain")) {
      JsonErrors.send(resp, 415, "POST /blocks takes text/plain: one block hash per line");
      return Optional.empty();
    }
    if (req.getContentLengthLong() > MAX_BATCH_BODY) {
      JsonErrors.send(resp, 413, "at most " + MAX_BATCH + " block hashes per request");
      return Optional.empty();
    }
    byte[] body = req.getInputStream().readNBytes(MAX_BATCH_BODY + 1);
    if (body.length > MAX_BATCH_BODY) {
      JsonErrors.send(resp, 413, "at most " + MAX_BATCH + " block hashes per request");
      return Optional.empty();
    }
    List<String> hashes = new ArrayList<>();
    String[] lines = new String(body, StandardCharsets.US_ASCII).split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].isEmpty() && i == lines.length - 1) {
        break; // the line end after the last hash
      }
      if (!Sha256.isHex(lines[i])) {
        JsonErrors.send(
            resp, 400, "line " + (i + 1) + " is not a block hash (64 lowercase hex digits)");
        return Optional.empty();
      }
      hashes.add(lines[i]);
    }
    if (hashes.isEmpty() || hashes.size() > MAX_BATCH) {
      JsonErrors.send(resp, 400, "ask for 1.." + MAX_BATCH + " block hashes, one per line");
      return Optional.empty();
    }
    return Optional.of(hashes);
  }

  private void serve(HttpServletRequest req, HttpServletResponse resp, boolean body)
      throws IOException {
    Optional<Ticket> ticket = reader(req, resp);
    if (ticket.isEmpty()) {
      return;
    }
    String path = req.getPathInfo();
    String hash = path == null ? "" : path.substring(1);
    if (!Sha256.isHex(hash)) {
      JsonErrors.send(resp, 400, "a block is named by its SHA-256: 64 lowercase hex digits");
      return;
    }
    if (!uploads.tryAcquire()) {
      busy(resp);
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

  /** The batch answer: each block re-read and verified as it is sent, one at a time. */
  private void sendAll(List<String> hashes, String requester, HttpServletResponse resp)
      throws IOException {
    Map<String, BlockFile> where = blocks.locateAll(new ArrayList<>(new LinkedHashSet<>(hashes)));
    resp.setStatus(200);
    resp.setContentType(BATCH_TYPE);
    resp.setHeader("Cache-Control", "no-store");
    OutputStream out = resp.getOutputStream();
    LongAdder counter = served.computeIfAbsent(requester, k -> new LongAdder());
    for (String hash : hashes) {
      BlockFile block = where.get(hash);
      Optional<byte[]> data =
          block == null || block.size() > BlockReader.BUFFER_LIMIT
              ? Optional.empty()
              : BlockReader.readVerified(block, hash);
      if (data.isEmpty()) {
        out.write((hash + " -\n").getBytes(StandardCharsets.US_ASCII));
        continue;
      }
      out.write((hash + " " + data.get().length + "\n").getBytes(StandardCharsets.US_ASCII));
      out.write(data.get());
      counter.add(data.get().length);
    }
    resp.flushBuffer();
  }
}
