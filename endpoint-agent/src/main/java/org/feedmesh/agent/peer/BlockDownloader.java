package org.feedmesh.agent.peer;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.feedmesh.feedsync.fm.Sha256;

/**
 * Downloads one block from one peer and checks it: the body is read into a buffer of exactly the
 * block's size (a longer or shorter body is refused) and hashed. Calls in flight can be cancelled
 * all at once. Thread-safe.
 */
final class BlockDownloader {
  /** Why an attempt failed; decides whether the peer is tried again in this fetch. */
  enum Failure {
    /** Connection refused or timed out: skip this peer for the rest of the fetch. */
    PEER_DOWN,
    /** 503: try again later if no one else has the block. */
    BUSY,
    /** Anything else (404, 401, 5xx, wrong length or hash, broken body): skip for this block. */
    REFUSED
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
    } catch (ConnectException | NoRouteToHostException | UnknownHostException e) {
      return Attempt.failed(Failure.PEER_DOWN, "cannot connect: " + e);
    } catch (InterruptedIOException e) {
      // OkHttp's connect, read and call timeouts (and cancellation) all end up here.
      return Attempt.failed(Failure.PEER_DOWN, "timed out: " + e);
    } catch (IOException e) {
      return Attempt.failed(Failure.REFUSED, "transfer failed: " + e);
    } finally {
      calls.remove(call);
    }
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
