package org.feedmesh.platform.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Objects;
import org.glassfish.jersey.server.ExtendedUriInfo;
import org.glassfish.jersey.uri.UriTemplate;

/**
 * Times every request into the timer {@code http.server.requests} tagged with method, route
 * template (e.g. {@code /feeds/{ns}}, so cardinality stays bounded), status code and outcome.
 * Requests refused before matching (401) or matching nothing (404) are tagged route {@code none}.
 */
@PreMatching
@Priority(2)
public final class RequestMetrics implements ContainerRequestFilter, ContainerResponseFilter {
  private static final String START = RequestMetrics.class.getName() + ".start";

  private final MeterRegistry registry;

  public RequestMetrics(MeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  @Override
  public void filter(ContainerRequestContext request) {
    request.setProperty(START, System.nanoTime());
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (!(request.getProperty(START) instanceof Long start)) {
      return;
    }
    int status = response.getStatus();
    Timer.builder("http.server.requests")
        .description("HTTP requests served")
        .tag("method", request.getMethod())
        .tag("route", route(request.getUriInfo()))
        .tag("status", Integer.toString(status))
        .tag("outcome", outcome(status))
        .register(registry)
        .record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
  }

  private static String route(UriInfo uriInfo) {
    if (!(uriInfo instanceof ExtendedUriInfo info)) {
      return "none";
    }
    List<UriTemplate> templates = info.getMatchedTemplates();
    if (templates == null || templates.isEmpty()) {
      return "none";
    }
    StringBuilder route = new StringBuilder();
    for (int i = templates.size() - 1; i >= 0; i--) {
      String t = templates.get(i).getTemplate();
      if (!t.startsWith("/")) {
        route.append('/');
      }
      route.append(t.endsWith("/") && t.length() > 1 ? t.substring(0, t.length() - 1) : t);
    }
    String r = route.toString().replaceAll("/+", "/");
    return r.isEmpty() ? "/" : r;
  }

  private static String outcome(int status) {
    if (status < 200) {
      return "INFORMATIONAL";
    } else if (status < 300) {
      return "SUCCESS";
    } else if (status < 400) {
      return "REDIRECTION";
    } else if (status < 500) {
      return "CLIENT_ERROR";
    }
    return "SERVER_ERROR";
  }
}
