package org.feedmesh.platform.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the one JSON error shape every FeedMesh server answers with: {@code {"error": "what went
 * wrong", "status": 404, ...details}}.
 *
 * <p>The body is serialized here, not by a message body writer, so the error stays JSON even when
 * the client asked for Atom or RSS.
 */
public final class ApiErrors {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ApiErrors() {}

  /** The JSON text of an error body. */
  public static String body(int status, String message, Map<String, ?> details) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", message == null ? "" : message);
    body.put("status", status);
    details.forEach(body::putIfAbsent);
    try {
      return JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      // Details that Jackson cannot write are a programming error; keep the error itself.
      return "{\"error\":" + quote(message) + ",\"status\":" + status + "}";
    }
  }

  /** A complete error response with {@code application/json} content. */
  public static Response response(int status, String message, Map<String, ?> details) {
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8"))
        .entity(body(status, message, details))
        .build();
  }

  public static Response response(int status, String message) {
    return response(status, message, Map.of());
  }

  private static String quote(String s) {
    try {
      return JSON.writeValueAsString(s == null ? "" : s);
    } catch (JsonProcessingException e) {
      return "\"\"";
    }
  }
}
