package org.feedmesh.platform.metrics;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import java.util.Objects;

/**
 * {@code GET /metrics}: the registry in Prometheus text format. Behind the auth filter like every
 * path but {@code /health}; any valid token may read it.
 */
@Path("metrics")
public final class MetricsResource {
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final PrometheusMeterRegistry registry;

  public MetricsResource(PrometheusMeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  @GET
  @Produces(CONTENT_TYPE)
  public String scrape() {
    return registry.scrape();
  }
}
