package org.feedmesh.platform.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exception mappers that give every failure the one JSON error shape. Registered by {@link
 * HttpServer}; resources only throw.
 */
final class ErrorMappers {
  private static final Logger log = LoggerFactory.getLogger(ErrorMappers.class);

  private ErrorMappers() {}

  static Response tooLarge(BodyTooLargeException e) {
    return ApiErrors.response(413, e.getMessage(), Map.of("limit", e.limit()));
  }

  /** {@link ApiException}: its status, message and details. */
  static final class ApiExceptionMapper implements ExceptionMapper<ApiException> {
    @Override
    public Response toResponse(ApiException e) {
      BodyTooLargeException tooLarge = BodyTooLargeException.find(e);
      if (tooLarge != null) {
        return tooLarge(tooLarge);
      }
      if (e.status() >= 500) {
        log.error("request failed with {}: {}", e.status(), e.getMessage(), e);
      }
      return ApiErrors.response(e.status(), e.getMessage(), e.details());
    }
  }

  /**
   * JAX-RS exceptions keep their status and headers (Allow, WWW-Authenticate...). A response that
   * already carries an entity is passed through untouched: a resource chose that body.
   */
  static final class WebApplicationExceptionMapper
      implements ExceptionMapper<WebApplicationException> {
    @Override
    public Response toResponse(WebApplicationException e) {
      BodyTooLargeException tooLarge = BodyTooLargeException.find(e);
      if (tooLarge != null) {
        return tooLarge(tooLarge);
      }
      Response original = e.getResponse();
      if (original.hasEntity()) {
        return original;
      }
      int status = original.getStatus();
      if (status >= 500) {
        log.error("request failed with {}", status, e);
      }
      Response.ResponseBuilder out =
          Response.fromResponse(ApiErrors.response(status, message(e, original)));
      original
          .getStringHeaders()
          .forEach(
              (name, values) -> {
                if (!name.equalsIgnoreCase(HttpHeaders.CONTENT_TYPE)
                    && !name.equalsIgnoreCase(HttpHeaders.CONTENT_LENGTH)) {
                  values.forEach(v -> out.header(name, v));
                }
              });
      return out.build();
    }

    private static String message(WebApplicationException e, Response r) {
      String m = e.getMessage();
      String reason = r.getStatusInfo().getReasonPhrase();
      // Jersey's default messages read "HTTP 404 Not Found"; the reason phrase says the same.
      if (m == null || m.isBlank() || m.startsWith("HTTP " + r.getStatus())) {
        return reason == null ? "HTTP " + r.getStatus() : reason.toLowerCase(java.util.Locale.ROOT);
      }
      return m;
    }
  }

  /**
   * Everything else. Malformed JSON bodies are the client's fault (400); anything unknown is a 500
   * with a generic message and an incident id that is logged with the full cause.
   */
  static final class UnhandledExceptionMapper implements ExceptionMapper<Throwable> {
    @Override
    public Response toResponse(Throwable e) {
      BodyTooLargeException tooLarge = BodyTooLargeException.find(e);
      if (tooLarge != null) {
        return tooLarge(tooLarge);
      }
      JsonProcessingException json = find(e, JsonProcessingException.class);
      if (json != null) {
        return ApiErrors.response(400, "invalid JSON body: " + describe(json));
      }
      String incident = UUID.randomUUID().toString().substring(0, 8);
      log.error("unexpected failure, incident {}", incident, e);
      return ApiErrors.response(500, "internal server error", Map.of("incident", incident));
    }

    private static String describe(JsonProcessingException e) {
      if (e instanceof ValueInstantiationException v && v.getCause() != null) {
        return v.getCause().getMessage();
      }
      return e.getOriginalMessage();
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
      for (Throwable c = t; c != null && c.getCause() != c; c = c.getCause()) {
        if (type.isInstance(c)) {
          return type.cast(c);
        }
      }
      return null;
    }
  }
}
