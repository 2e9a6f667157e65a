package org.feedmesh.webapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.feedmesh.feedsync.FeedHead;
import org.feedmesh.feedsync.Item;
import org.feedmesh.feedsync.Payload;
import org.feedmesh.feedsync.SyncFeed;
import org.feedmesh.feedsync.fm.Block;
import org.feedmesh.feedsync.fm.FileMeta;
import org.feedmesh.feedsync.fm.Sha256;
import org.feedmesh.feedsync.xml.FeedFormat;
import org.feedmesh.feedsync.xml.FeedXml;
import org.feedmesh.platform.auth.Tokens;
import org.feedmesh.server.FeedServer;
import org.feedmesh.server.ServerConfig;
import org.feedmesh.server.accounts.AdminToken;
import org.feedmesh.server.accounts.Grant;

/**
 * A real feed server with the browser view on a random loopback port, and what tests do to it the
 * way clients do: create accounts, publish FeedSync feeds and report status over HTTP.
 */
public final class WebServer implements AutoCloseable {
  public static final ObjectMapper JSON = new ObjectMapper();

  public final FeedServer server;
  public final OkHttpClient http =
      new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(30)).followRedirects(false).build();
  private final Tokens tokens = Tokens.secure();

  private WebServer(FeedServer server) {
    this.server = server;
  }

  public static WebServer start(Path data) throws IOException {
    return start(data, WebSettings.defaults());
  }

  public static WebServer start(Path data, WebSettings settings) throws IOException {
    return new WebServer(
        FeedServer.start(
            ServerConfig.loopback(data),
            Clock.systemUTC(),
            new SecureRandom(),
            List.of(new WebApp(settings))));
  }

  public String url(String path) {
    String base = server.baseUri().toString();
    return base + (path.startsWith("/") ? path.substring(1) : path);
  }

  /** The origin browsers name in {@code Origin}. */
  public String origin() {
    String base = server.baseUri().toString();
    return base.substring(0, base.length() - 1);
  }

  public String adminToken() {
    try {
      return AdminToken.read(server.adminTokenFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void namespace(String name) {
    server.accounts().createNamespace(name);
  }

  /** A new endpoint with read and write access to the namespaces; returns its token. */
  public String endpoint(String id, String... namespaces) {
    return endpoint(id, Grant.readWrite(), namespaces);
  }

  public String endpoint(String id, Grant grant, String... namespaces) {
    String token = tokens.newToken();
    Map<String, Grant> grants = new LinkedHashMap<>();
    for (String ns : namespaces) {
      grants.put(ns, grant);
    }
    server.accounts().createEndpoint(id, null, grants, false, Tokens.hash(token));
    return token;
  }

  public static final Instant T = Instant.parse("2026-05-01T10:00:00Z");

  /** A file item as an endpoint publishes it: content-addressed, one block per 1 KiB. */
  public static Item file(String ns, String path, String by, long size, Instant when) {
    String blob = Sha256.hex(path + "#" + size + "#" + by + "#" + when);
    List<Block> blocks = new ArrayList<>();
    for (long off = 0; off < size; off += 1024) {
      int len = (int) Math.min(1024, size - off);
      blocks.add(new Block(off, len, Sha256.hex(blob + off)));
    }
    FileMeta meta = FileMeta.file(path, size, when, 0644, blob, blocks);
    return Item.create(FileMeta.itemId(ns, path), by, when, Payload.ofFile(meta));
  }

  /** POSTs a FeedSync feed of the items to {@code /feeds/{ns}} with the endpoint's token. */
  public void publish(String ns, String token, List<Item> items) throws IOException {
    byte[] feed = FeedXml.toBytes(new SyncFeed(FeedHead.of("urn:test", "test", T), items),
        FeedFormat.ATOM);
    Request r =
        new Request.Builder()
            .url(url("/feeds/" + ns))
            .header("Authorization", "Bearer " + token)
            .post(RequestBody.create(feed, MediaType.get("application/atom+xml")))
            .build();
    try (Response response = http.newCall(r).execute()) {
      if (response.code() != 200) {
        throw new IOException("publish failed: " + response.code() + " " + response.body().string());
      }
    }
  }

  /** Reports, as the endpoint, that it applied the item version. */
  public void applied(String ns, String token, String itemId, int updates) throws IOException {
    String body =
        "{\"reports\":[{\"id\":\"" + itemId + "\",\"updates\":" + updates
            + ",\"result\":\"applied\"}]}";
    try (Response response = send("POST", "/feeds/" + ns + "/status", token, body)) {
      if (response.code() != 200) {
        throw new IOException("status failed: " + response.code() + " " + response.body().string());
      }
    }
  }

  /** A request with a bearer token and a JSON body. */
  public Response send(String method, String path, String token, String json) throws IOException {
    Request.Builder b = new Request.Builder().url(url(path));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    b.method(method, json == null ? null
        : RequestBody.create(json.getBytes(StandardCharsets.UTF_8),
            MediaType.get("application/json")));
    return http.newCall(b.build()).execute();
  }

  public static JsonNode json(Response r) throws IOException {
    return JSON.readTree(r.body().string());
  }

  /** Polls until the condition holds or the deadline passes. */
  public static void await(String what, Duration within, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(25);
    }
  }

  /** A new browser (its own cookies). */
  public Browser browser() {
    return new Browser(this);
  }

  @Override
  public void close() {
    server.close();
  }
}
