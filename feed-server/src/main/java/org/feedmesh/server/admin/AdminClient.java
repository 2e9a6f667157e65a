package org.feedmesh.server.admin;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.feedmesh.server.admin.Views.CreatedEndpoint;
import org.feedmesh.server.admin.Views.EndpointView;
import org.feedmesh.server.admin.Views.NamespaceView;

/**
 * The admin API over HTTP, as the {@code admin} command uses it. Failures are {@link
 * AdminException}s whose message says what to do (wrong token, not the admin token, server not
 * reachable). Thread-safe.
 */
public final class AdminClient {
  private static final MediaType JSON_TYPE = MediaType.get("application/json");

  private final HttpUrl server;
  private final String token;
  private final OkHttpClient http;
  private final ObjectMapper json =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  public AdminClient(URI server, String token, OkHttpClient http) {
    HttpUrl url = HttpUrl.parse(Objects.requireNonNull(server, "server").toString());
    if (url == null) {
      throw new IllegalArgumentException("server must be an http(s) URL, got " + server);
    }
    this.server = url;
    this.token = Objects.requireNonNull(token, "token");
    this.http = Objects.requireNonNull(http, "http");
  }

  /** A failed admin call, with a message for the person at the terminal. */
  public static final class AdminException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int status;

    AdminException(int status, String message, Throwable cause) {
      super(message, cause);
      this.status = status;
    }

    /** The HTTP status, or 0 when the server was not reached. */
    public int status() {
      return status;
    }
  }

  public NamespaceView createNamespace(String name) throws AdminException {
    return call("POST", "admin/namespaces", Map.of("name", name), new TypeReference<>() {});
  }

  public List<NamespaceView> namespaces() throws AdminException {
    return call("GET", "admin/namespaces", null, new TypeReference<>() {});
  }

  public CreatedEndpoint createEndpoint(
      String name,
      String displayName,
      List<String> namespaces,
      List<String> readOnly,
      boolean relay)
      throws AdminException {
    Map<String, Object> body = new java.util.LinkedHashMap<>();
    body.put("name", name);
    if (displayName != null) {
      body.put("displayName", displayName);
    }
    body.put("namespaces", namespaces);
    body.put("readOnly", readOnly);
    body.put("relay", relay);
    return call("POST", "admin/endpoints", body, new TypeReference<>() {});
  }

  public List<EndpointView> endpoints() throws AdminException {
    return call("GET", "admin/endpoints", null, new TypeReference<>() {});
  }

  public EndpointView revokeEndpoint(String id) throws AdminException {
    return call("DELETE", "admin/endpoints/" + id, null, new TypeReference<>() {});
  }

  public EndpointView setRelay(String id, boolean relay) throws AdminException {
    return call(
        relay ? "PUT" : "DELETE",
        "admin/endpoints/" + id + "/relay",
        relay ? Map.of() : null,
        new TypeReference<>() {});
  }

  private <T> T call(String method, String path, Object body, TypeReference<T> type)
      throws AdminException {
    HttpUrl.Builder url = server.newBuilder();
    for (String segment : path.split("/")) {
      url.addPathSegment(segment);
    }
    RequestBody requestBody = null;
    try {
      if (body != null) {
        requestBody = RequestBody.create(json.writeValueAsBytes(body), JSON_TYPE);
      }
    } catch (IOException e) {
      throw new AdminException(0, "cannot encode the request: " + e.getMessage(), e);
    }
    Request request =
        new Request.Builder()
            .url(url.build())
            .header("Authorization", "Bearer " + token)
            .header("Accept", "application/json")
            .method(method, requestBody)
            .build();
    try (Response response = http.newCall(request).execute()) {
      String text = response.body().string();
      if (!response.isSuccessful()) {
        throw new AdminException(response.code(), explain(response.code(), errorText(text)), null);
      }
      return json.readValue(text, type);
    } catch (ConnectException | UnknownHostException e) {
      throw new AdminException(
          0,
          "cannot reach the FeedMesh server at "
              + server
              + " ("
              + e.getMessage()
              + "); is 'feedmesh server' running there, and is --server right?",
          e);
    } catch (IOException e) {
      throw new AdminException(0, "talking to " + server + " failed: " + e.getMessage(), e);
    }
  }

  private String errorText(String body) {
    try {
      JsonNode node = json.readTree(body);
      if (node != null && node.hasNonNull("error")) {
        return node.get("error").asText();
      }
    } catch (IOException ignored) {
      // not our JSON error: show the start of the body instead
    }
    return body.length() > 200 ? body.substring(0, 200) + "..." : body;
  }

  private String explain(int status, String error) {
    return switch (status) {
      case 401 ->
          "the server refused the token (401: "
              + error
              + "). Pass the admin token with "
              + "--token, --token-file or FEEDMESH_TOKEN; the server wrote it to DATA/admin.token "
              + "on first start.";
      case 403 ->
          "this token is not the admin token (403: "
              + error
              + "). Use the token from "
              + "the server's DATA/admin.token.";
      case 404 -> "not found (404): " + error;
      case 409 -> "conflict (409): " + error;
      case 400 -> "refused (400): " + error;
      default -> "the server answered " + status + ": " + error;
    };
  }
}
