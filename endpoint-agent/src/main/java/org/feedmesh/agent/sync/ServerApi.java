package org.feedmesh.agent.sync;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSink;
import org.feedmesh.feedsync.FeedHead;
import org.feedmesh.feedsync.Item;
import org.feedmesh.feedsync.xml.FeedFormat;
import org.feedmesh.feedsync.xml.FeedReader;
import org.feedmesh.feedsync.xml.FeedWriter;

/**
 * The agent's calls to the feed server: who am I, publish a batch of item versions, read the
 * journal after a cursor (long-poll), report applied versions, announce peer addresses. One
 * instance per agent; thread-safe (OkHttp is).
 */
public final class ServerApi {
  static final MediaType JSON_TYPE = MediaType.get("application/json");
  private static final MediaType ATOM = MediaType.get("application/atom+xml");
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private final OkHttpClient http;
  private final OkHttpClient longPollHttp;
  private final HttpUrl base;
  private final String token;
  private final String namespace;
  private final Clock clock;

  public ServerApi(OkHttpClient http, URI server, String token, String namespace, Clock clock) {
    this.http = Objects.requireNonNull(http, "http");
    this.base = HttpUrl.get(server.toString());
    this.token = Objects.requireNonNull(token, "token");
    this.namespace = Objects.requireNonNull(namespace, "namespace");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.longPollHttp =
        http.newBuilder().readTimeout(java.time.Duration.ofSeconds(LONG_POLL_SECONDS + 30)).build();
  }

  /** Longest a journal read waits on the server for something new. */
  public static final int LONG_POLL_SECONDS = 25;

  public URI base() {
    return base.uri();
  }

  public String namespace() {
    return namespace;
  }

  /** This token's endpoint id; fails when the token is the admin's or not valid. */
  public String whoami() throws IOException {
    JsonNode me = json(request(url("whoami")).get());
    if (!"endpoint".equalsIgnoreCase(me.path("kind").asText())) {
      throw new ServerException(
          400, "the token is not an endpoint's token (it is " + me.path("kind").asText() + ")");
    }
    return me.path("id").asText();
  }

  /**
   * Publishes item versions as one FeedSync feed ({@code POST /feeds/NS}) and returns the server's
   * merged versions of them, conflicts included.
   */
  public List<Item> publish(List<Item> items) throws IOException {
    RequestBody body =
        new RequestBody() {
          @Override
          public MediaType contentType() {
            return ATOM;
          }

          @Override
          public void writeTo(BufferedSink sink) throws IOException {
            FeedWriter w =
                FeedWriter.open(
                    sink.outputStream(),
                    FeedFormat.ATOM,
                    FeedHead.of("urn:feedmesh:agent:" + namespace, namespace, clock.instant()));
            for (Item item : items) {
              w.write(item);
            }
            w.finish();
          }
        };
    Request req = request(url("feeds", namespace)).post(body).build();
    try (Response r = http.newCall(req).execute()) {
      check(r);
      return readItems(r.body().byteStream());
    }
  }

  /**
   * The journal after {@code since}: versions in cursor order, the cursor they reach, and whether
   * more pages follow. With {@code waitSeconds} &gt; 0 the server holds the request until something
   * newer exists.
   */
  public JournalPage changes(long since, int waitSeconds) throws IOException {
    HttpUrl url =
        url("feeds", namespace)
            .newBuilder()
            .addQueryParameter("since", Long.toString(since))
            .addQueryParameter("wait", Integer.toString(waitSeconds))
            .build();
    Request req = request(url).get().build();
    OkHttpClient client = waitSeconds > 0 ? longPollHttp : http;
    try (Response r = client.newCall(req).execute()) {
      check(r);
      String cursor = r.header("X-FeedMesh-Cursor");
      if (cursor == null) {
        throw new ServerException(502, "the server's feed page has no X-FeedMesh-Cursor header");
      }
      long until = parseCursor(cursor);
      boolean more = r.headers("Link").stream().anyMatch(l -> l.contains("rel=\"next\""));
      return new JournalPage(readItems(r.body().byteStream()), since, until, more);
    }
  }

  /** The namespace's newest journal cursor ({@code HEAD /feeds/NS}). */
  public long lastCursor() throws IOException {
    Request req = request(url("feeds", namespace)).head().build();
    try (Response r = http.newCall(req).execute()) {
      check(r);
      String cursor = r.header("X-FeedMesh-Cursor");
      if (cursor == null) {
        throw new ServerException(502, "the server's feed has no X-FeedMesh-Cursor header");
      }
      return parseCursor(cursor);
    }
  }

  /** Reports the result of applying item versions ({@code POST /feeds/NS/status}). */
  public void report(List<StatusLine> lines) throws IOException {
    if (lines.isEmpty()) {
      return;
    }
    List<Map<String, Object>> reports = new ArrayList<>();
    for (StatusLine l : lines) {
      Map<String, Object> m = new java.util.LinkedHashMap<>();
      m.put("id", l.itemId());
      m.put("updates", l.updates());
      m.put("result", l.result().json());
      if (l.reason() != null) {
        m.put("reason", l.reason());
      }
      reports.add(m);
    }
    byte[] body = JSON.writeValueAsBytes(Map.of("reports", reports));
    json(request(url("feeds", namespace, "status")).post(RequestBody.create(body, JSON_TYPE)));
  }

  /** {@code PUT /endpoints/self}: peer addresses, applied cursor and other facts (also a heartbeat). */
  public JsonNode announce(Map<String, Object> announcement) throws IOException {
    byte[] body = JSON.writeValueAsBytes(announcement);
    return json(request(url("endpoints", "self")).put(RequestBody.create(body, JSON_TYPE)));
  }

  /** Any JSON GET below the server's base (e.g. {@code namespaces/NS/endpoints}). */
  public JsonNode getJson(String... segments) throws IOException {
    return json(request(url(segments)).get());
  }

  private JsonNode json(Request.Builder req) throws IOException {
    try (Response r = http.newCall(req.build()).execute()) {
      check(r);
      ResponseBody b = r.body();
      String text = b == null ? "" : b.string();
      return text.isEmpty() ? JSON.createObjectNode() : JSON.readTree(text);
    }
  }

  private static List<Item> readItems(InputStream in) {
    List<Item> items = new ArrayList<>();
    try (FeedReader reader = FeedReader.open(in)) {
      while (reader.hasNext()) {
        items.add(reader.next());
      }
    }
    return items;
  }

  private Request.Builder request(HttpUrl url) {
    return new Request.Builder().url(url).header("Authorization", "Bearer " + token);
  }

  private HttpUrl url(String... segments) {
    HttpUrl.Builder b = base.newBuilder();
    for (String s : segments) {
      b.addPathSegment(s);
    }
    return b.build();
  }

  private static long parseCursor(String value) throws ServerException {
    try {
      long c = Long.parseLong(value.trim());
      if (c < 0) {
        throw new NumberFormatException();
      }
      return c;
    } catch (NumberFormatException e) {
      throw new ServerException(502, "the server sent an invalid cursor: " + value);
    }
  }

  private static void check(Response r) throws IOException {
    if (r.isSuccessful()) {
      return;
    }
    String message = r.message();
    ResponseBody b = r.body();
    if (b != null) {
      String text = b.string();
      try {
        JsonNode n = JSON.readTree(text);
        if (n.hasNonNull("error")) {
          message = n.get("error").asText();
        }
      } catch (IOException e) {
        message = text.length() > 200 ? text.substring(0, 200) : text;
      }
    }
    throw new ServerException(r.code(), message);
  }
}
