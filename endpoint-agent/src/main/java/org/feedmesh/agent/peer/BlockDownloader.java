package org.feedmesh.agent.peer;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import okhttp3.Call;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import org.feedmesh.feedsync.fm.Sha256;

/**
 * Downloads blocks from one peer and checks them: one block with {@code GET /blocks/{hash}}, or
 * many with one {@code POST /blocks}. Each block's bytes are read into a buffer of exactly its
 * size (a longer or shorter body is refused) and hashed. Calls in flight can be cancelled all at
 * once. Thread-safe.
 */
final class BlockDownloader {
  /** Why an attempt failed; decides whether the peer is tried again in this fetch. */
  enum Failure {
    /** Connection refused or timed out: skip this peer for the rest of the fetch. */
    PEER_DOWN,
    /** 503: try again later if no one else has the block. */
    BUSY,
    /** Anything else (404, 401, 5xx, wrong length or hash, broken body): skip for this block. */
    REFUSED,
    /** The peer does not take {@code POST /blocks} (405): ask it for each block on its own. */
    NO_BATCH
  }

  /** The verified bytes, or why there are none. */
  record Attempt(byte[] data, Failure failure, String reason, Duration retryAfter) {
    static Attempt ok(byte[] data) {
      return new Attempt(data, null, null, Duration.ZERO);
    }

    static Attempt failed(Failure failure, String reason) {
      return new Attempt(null, failure, reason, Duration.ZERO);
    }

    boolean succeeded() {
      return data != null;
    }
  }

  private static final MediaType TEXT = MediaType.get("text/plain; charset=us-ascii");
  /** A frame line: 64 hex digits, a space, a size of up to 10 digits. */
  private static final long FRAME_LINE_MAX = 80;

  private final OkHttpClient client;
  private final java.util.function.Function<PeerSource, String> ticket;
  private final Set<Call> calls = ConcurrentHashMap.newKeySet();

  BlockDownloader(OkHttpClient client, java.util.function.Function<PeerSource, String> ticket) {
    this.client = client;
    this.ticket = ticket;
  }

  Attempt download(WantedBlock block, PeerSource peer) {
    String credential;
    try {
      credential = ticket.apply(peer);
    } catch (RuntimeException e) {
      return Attempt.failed(Failure.REFUSED, "no peer ticket: " + e.getMessage());
    }
    Request request =
        new Request.Builder()
            .url(peer.blockUrl(block.hash()).toString())
            .header("Authorization", "Bearer " + credential)
            .build();
    Call call = client.newCall(request);
    calls.add(call);
    try (Response response = call.execute()) {
      return read(block, response);
    } catch (IOException e) {
      return failureOf(e);
    } finally {
      calls.remove(call);
    }
  }

  /**
   * Asks {@code peer} for all of {@code blocks} in one request and hands each one's attempt to
   * {@code each}, in order, as it arrives: exactly once per block. When the answer breaks off, the
   * blocks not yet delivered share its failure.
   */
  void downloadAll(List<WantedBlock> blocks, PeerSource peer, BiConsumer<WantedBlock, Attempt> each) {
    String credential;
    try {
      credential = ticket.apply(peer);
    } catch (RuntimeException e) {
      blocks.forEach(b -> each.accept(b, Attempt.failed(Failure.REFUSED, "no peer ticket: " + e.getMessage())));
      return;
    }
    StringBuilder body = new StringBuilder(blocks.size() * 65);
    blocks.forEach(b -> body.append(b.hash()).append('\n'));
    Request request =
        new Request.Builder()
            .url(peer.batchUrl().toString())
            .header("Authorization", "Bearer " + credential)
            .post(RequestBody.create(body.toString(), TEXT))
            .build();
    Call call = client.newCall(request);
    calls.add(call);
    int delivered = 0;
    Attempt failure;
    try (Response response = call.execute()) {
      failure = refusal(response);
      if (failure == null) {
        BufferedSource in = response.body().source();
        for (WantedBlock block : blocks) {
          Attempt attempt = readFramed(block, in);
          if (attempt == null) {
            break; // the framing is lost: the rest cannot be read
          }
          each.accept(block, attempt);
          delivered++;
        }
        failure = Attempt.failed(Failure.REFUSED, "the answer did not frame the blocks asked for");
      }
    } catch (IOException e) {
      failure = failureOf(e);
    } finally {
      calls.remove(call);
    }
    for (WantedBlock block : blocks.subList(delivered, blocks.size())) {
      each.accept(block, failure);
    }
  }

  /** What a failed call says about the peer: down (skip it) or just this transfer broken. */
  private static Attempt failureOf(IOException e) {
    if (e instanceof ConnectException
        || e instanceof NoRouteToHostException
        || e instanceof UnknownHostException) {
      return Attempt.failed(Failure.PEER_DOWN, "cannot connect: " + e);
    }
    if (e instanceof InterruptedIOException) {
      // OkHttp's connect, read and call timeouts (and cancellation) all end up here.
      return Attempt.failed(Failure.PEER_DOWN, "timed out: " + e);
    }
    return Attempt.failed(Failure.REFUSED, "transfer failed: " + e);
  }

  /** Why a batch answer as a whole is no good; null for a 200 batch. */
  private static Attempt refusal(Response response) {
    if (response.code() == 405 || response.code() == 404 || response.code() == 501) {
      return Attempt.failed(Failure.NO_BATCH, "does not take batches (" + response.code() + ")");
    }
    if (response.code() == 503) {
      return new Attempt(null, Failure.BUSY, "busy (503)", retryAfter(response));
    }
    if (response.code() != 200) {
      return Attempt.failed(Failure.REFUSED, "answered " + response.code());
    }
    String type = response.header("Content-Type", "");
    if (!type.startsWith(BlockServlet.BATCH_TYPE)) {
      return Attempt.failed(Failure.REFUSED, "answered a batch with " + type);
    }
    return null;
  }

  /**
   * The next framed block: its verified bytes, or why not ("-": not held; wrong bytes). Null when
   * the frame is not for this block or its size is not the block's, so nothing after it can be
   * trusted to line up.
   */
  private static Attempt readFramed(WantedBlock block, BufferedSource in) throws IOException {
    String line = in.readUtf8LineStrict(FRAME_LINE_MAX);
    int space = line.indexOf(' ');
    if (space < 0 || !line.substring(0, space).equals(block.hash())) {
      return null;
    }
    String size = line.substring(space + 1);
    if (size.equals("-")) {
      return Attempt.failed(Failure.REFUSED, "does not hold it");
    }
    if (!size.equals(Integer.toString(block.size()))) {
      return null;
    }
    byte[] data = in.readByteArray(block.size());
    return verified(block, data);
  }

  private static Attempt read(WantedBlock block, Response response) throws IOException {
    if (response.code() == 503) {
      return new Attempt(null, Failure.BUSY, "busy (503)", retryAfter(response));
    }
    if (response.code() != 200) {
      return Attempt.failed(Failure.REFUSED, "answered " + response.code());
    }
    ResponseBody body = response.body();
    long length = body.contentLength();
    if (length != -1 && length != block.size()) {
      return Attempt.failed(
          Failure.REFUSED, "announced " + length + " bytes for a block of " + block.size());
    }
    byte[] data = new byte[block.size()];
    try (InputStream in = body.byteStream()) {
      int read = 0;
      while (read < data.length) {
        int n = in.read(data, read, data.length - read);
        if (n < 0) {
          return Attempt.failed(Failure.REFUSED, "sent " + read + " of " + data.length + " bytes");
        }
        read += n;
      }
      if (in.read() != -1) {
        return Attempt.failed(
            Failure.REFUSED, "sent more than the block's " + data.length + " bytes");
      }
    }
    return verified(block, data);
  }

  /** The bytes, when they hash to the block; otherwise refused. */
  private static Attempt verified(WantedBlock block, byte[] data) {
    String hash = HexFormat.of().formatHex(Sha256.digest().digest(data));
    if (!hash.equals(block.hash())) {
      return Attempt.failed(Failure.REFUSED, "sent bytes whose hash is " + hash);
    }
    return Attempt.ok(data);
  }

  private static Duration retryAfter(Response response) {
    String header = response.header("Retry-After");
    try {
      long seconds = header == null ? 1 : Long.parseLong(header.trim());
      Duration d = Duration.ofSeconds(Math.max(0, seconds));
      return d.compareTo(FetchSettings.MAX_BUSY_WAIT) > 0 ? FetchSettings.MAX_BUSY_WAIT : d;
    } catch (NumberFormatException e) {
      return Duration.ofSeconds(1); // an HTTP date: not worth parsing for a few seconds
    }
  }

  void cancelAll() {
    calls.forEach(Call::cancel);
  }
}
