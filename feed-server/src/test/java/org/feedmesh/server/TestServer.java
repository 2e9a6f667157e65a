package org.feedmesh.server;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.feedmesh.platform.auth.Tokens;
import org.feedmesh.server.accounts.Grant;

/** A real feed server on a random loopback port for resource tests, with small HTTP helpers. */
public final class TestServer implements AutoCloseable {
  public final FeedServer server;
  public final OkHttpClient client =
      new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(60)).build();
  private final Tokens tokens = Tokens.secure();

  private TestServer(FeedServer server) {
    this.server = server;
  }

  public static TestServer start(Path data, long maxBodyBytes) throws IOException {
    return new TestServer(
        FeedServer.start(ServerConfig.loopback(data).withMaxBodyBytes(maxBodyBytes)));
  }

  public void namespace(String name) {
    server.accounts().createNamespace(name);
  }

  /** Registers an endpoint with read and write access to the namespaces; returns its token. */
  public String endpoint(String id, String... namespaces) {
    return endpoint(id, false, namespaces);
  }

  public String endpoint(String id, boolean relay, String... namespaces) {
    String token = tokens.newToken();
    Map<String, Grant> grants = new LinkedHashMap<>();
    for (String ns : namespaces) {
      grants.put(ns, Grant.readWrite());
    }
    server.accounts().createEndpoint(id, null, grants, relay, Tokens.hash(token));
    return token;
  }

  /** Registers an endpoint that may only read the namespaces; returns its token. */
  public String tokenReadOnly(String id, String... namespaces) {
    String token = tokens.newToken();
    Map<String, Grant> grants = new LinkedHashMap<>();
    for (String ns : namespaces) {
      grants.put(ns, Grant.readOnly());
    }
    server.accounts().createEndpoint(id, null, grants, false, Tokens.hash(token));
    return token;
  }

  /** The admin token the server wrote on first start. */
  public String adminToken() {
    try {
      return org.feedmesh.server.accounts.AdminToken.read(server.adminTokenFile());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  public String url(String path) {
    return server.baseUri() + path;
  }

  public Response get(String path, String token, String... headers) throws IOException {
    return send(new Request.Builder().url(url(path)).get(), token, headers);
  }

  public Response send(
      String method, String path, String token, String contentType, byte[] body, String... headers)
      throws IOException {
    RequestBody rb =
        body == null
            ? null
            : RequestBody.create(body, contentType == null ? null : MediaType.get(contentType));
    return send(new Request.Builder().url(url(path)).method(method, rb), token, headers);
  }

  private Response send(Request.Builder b, String token, String... headers) throws IOException {
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    for (int i = 0; i + 1 < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return client.newCall(b.build()).execute();
  }

  @Override
  public void close() {
    server.close();
  }
}
