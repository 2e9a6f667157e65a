package org.feedmesh.platform.http;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A failure that becomes an HTTP error with the one FeedMesh JSON shape {@code {"error": message,
 * "status": status, ...details}}.
 *
 * <p>Throw it from resources and domain code that knows the HTTP meaning of a failure; the mapper
 * registered by {@link HttpServer} turns it into the response. Details are extra top-level JSON
 * members (for example {@code "namespace": "photos"}); they must be values Jackson can write and
 * must not repeat {@code error} or {@code status}.
 */
public class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final Map<String, Object> details;

  public ApiException(int status, String message) {
    this(status, message, Map.of(), null);
  }

  public ApiException(int status, String message, Map<String, ?> details) {
    this(status, message, details, null);
  }

  public ApiException(int status, String message, Map<String, ?> details, Throwable cause) {
    super(Objects.requireNonNull(message, "message"), cause);
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("an API error needs a 4xx or 5xx status, got " + status);
    }
    Objects.requireNonNull(details, "details");
    if (details.containsKey("error") || details.containsKey("status")) {
      throw new IllegalArgumentException(
          "details must not redefine 'error' or 'status': " + details);
    }
    this.status = status;
    this.details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
  }

  public static ApiException badRequest(String message) {
    return new ApiException(400, message);
  }

  public static ApiException forbidden(String message) {
    return new ApiException(403, message);
  }

  public static ApiException notFound(String message) {
    return new ApiException(404, message);
  }

  public static ApiException conflict(String message) {
    return new ApiException(409, message);
  }

  public int status() {
    return status;
  }

  /** Extra members of the JSON error body, in insertion order; never null. */
  public Map<String, Object> details() {
    return details;
  }
}
