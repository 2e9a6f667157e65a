package org.feedmesh.server.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.feedmesh.platform.cluster.ClusterHeaders;
import org.feedmesh.platform.db.replication.ChangeLog;

/**
 * The calls the two servers of a pair make to each other, authenticated with the cluster token.
 * Every call has a short connect timeout (the probe timeout): a server that does not answer soon
 * is taken for unreachable. Thread-safe.
 */
final class PeerClient {
  static final String LOG_ID = "X-FeedMesh-Log-Id";
  static final String LOG_HEAD = "X-FeedMesh-Log-Head";
  private static final MediaType JSON = MediaType.get("application/json");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final OkHttpClient http;
  private final OkHttpClient longHttp;
  private final java.util.function.Supplier<String> token;

  /** @param token the cluster token, read when a call is made (a primary's file appears late) */
  PeerClient(java.util.function.Supplier<String> token, Duration probeTimeout) {
    this.token = Objects.requireNonNull(token, "token");
    this.http =
        new OkHttpClient.Builder()
            .connectTimeout(probeTimeout)
            .readTimeout(probeTimeout)
            .writeTimeout(probeTimeout)
            .callTimeout(probeTimeout.multipliedBy(2))
            .retryOnConnectionFailure(false)
            .socketFactory(new org.feedmesh.platform.http.NoDelaySockets())
            .build();
    this.longHttp =
        http.newBuilder()
            .readTimeout(probeTimeout.plus(Duration.ofSeconds(1)))
            .callTimeout(Duration.ZERO)
            .build();
  }

  /** What a lease call came back with. */
  record LeaseAnswer(boolean granted, long epoch, long applied) {}

  /** Asks the standby to promise not to take over for a lease; a refusal names a newer epoch. */
  LeaseAnswer lease(URI standby, long epoch, URI primary, long syncSince) throws IOException {
    String body =
        MAPPER.writeValueAsString(
            Map.of("epoch", epoch, "primary", primary.toString(), "syncSince", syncSince));
    Request req = post(standby, "cluster/lease", RequestBody.create(body, JSON));
    try (Response r = http.newCall(req).execute()) {
      JsonNode json = MAPPER.readTree(r.body().byteStream());
      if (r.code() == 200) {
        return new LeaseAnswer(true, json.path("epoch").asLong(), json.path("applied").asLong());
      }
      if (r.code() == 409) {
        return new LeaseAnswer(false, json.path("epoch").asLong(), 0);
      }
      throw new IOException("lease call to " + standby + " answered " + r.code() + ": " + json);
    }
  }

  /** {@code GET /cluster/state} of the other server: role, epoch, approving. */
  JsonNode state(URI peer) throws IOException {
    Request req = request(peer, "cluster/state").get().build();
    try (Response r = http.newCall(req).execute()) {
      if (r.code() != 200) {
        throw new IOException(peer + " answered /cluster/state with " + r.code());
      }
      return MAPPER.readTree(r.body().byteStream());
    }
  }

  /** Opens a snapshot download; the caller closes the response. */
  Response snapshot(URI primary, URI self) throws IOException {
    String body = MAPPER.writeValueAsString(Map.of("standby", self.toString()));
    Response r = longHttp.newCall(post(primary, "cluster/snapshot", RequestBody.create(body, JSON)))
        .execute();
    if (r.code() != 200) {
      String text = r.body().string();
      r.close();
      throw new PeerRefusal(r.code(), header(r, ClusterHeaders.EPOCH), primary + " refused a snapshot: " + text);
    }
    return r;
  }

  /** One page of the log after {@code after}; the call itself tells the primary what we applied. */
  record LogPage(List<ChangeLog.Entry> entries, long head, long epoch) {}

  LogPage log(URI primary, String logId, long after, Duration wait) throws IOException {
    HttpUrl url =
        HttpUrl.get(primary.resolve("cluster/log"))
            .newBuilder()
            .addQueryParameter("log", logId)
            .addQueryParameter("after", Long.toString(after))
            .addQueryParameter("waitMillis", Long.toString(wait.toMillis()))
            .build();
    Request req = new Request.Builder().url(url).header("Authorization", "Bearer " + token.get()).get().build();
    try (Response r = longHttp.newCall(req).execute()) {
      if (r.code() != 200) {
        throw new PeerRefusal(r.code(), header(r, ClusterHeaders.EPOCH),
            primary + " refused the log after " + after + ": " + r.body().string());
      }
      try (InputStream in = r.body().byteStream()) {
        List<ChangeLog.Entry> entries = LogWire.read(in);
        return new LogPage(entries, header(r, LOG_HEAD), header(r, ClusterHeaders.EPOCH));
      }
    }
  }

  /** A peer answered, but not with what was asked. */
  static final class PeerRefusal extends IOException {
    final int status;
    final long epoch;

    PeerRefusal(int status, long epoch, String message) {
      super(message);
      this.status = status;
      this.epoch = epoch;
    }
  }

  static long header(Response r, String name) {
    String v = r.header(name);
    try {
      return v == null ? 0 : Long.parseLong(v.strip());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private Request post(URI base, String path, RequestBody body) {
    return request(base, path).post(body).build();
  }

  private Request.Builder request(URI base, String path) {
    return new Request.Builder()
        .url(HttpUrl.get(base.resolve(path)))
        .header("Authorization", "Bearer " + token.get());
  }

  void close() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
    longHttp.connectionPool().evictAll();
  }
}
