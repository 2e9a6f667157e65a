package org.feedmesh.agent.peer;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The one FeedMesh error shape, {@code {"error": "...", "status": N}}, for the peer port. */
final class JsonErrors {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonErrors() {}

  static void send(HttpServletResponse resp, int status, String message) throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", message);
    body.put("status", status);
    byte[] bytes = JSON.writeValueAsBytes(body);
    resp.setStatus(status);
    resp.setContentType("application/json");
    resp.setContentLength(bytes.length);
    resp.getOutputStream().write(bytes);
  }
}
