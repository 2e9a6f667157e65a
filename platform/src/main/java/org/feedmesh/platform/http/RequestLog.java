package org.feedmesh.platform.http;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs every request at debug: method, path, status and time taken. */
@PreMatching
@Priority(1)
final class RequestLog implements ContainerRequestFilter, ContainerResponseFilter {
  private static final Logger log = LoggerFactory.getLogger("org.feedmesh.http.requests");
  private static final String START = RequestLog.class.getName() + ".start";

  @Override
  public void filter(ContainerRequestContext request) {
    request.setProperty(START, System.nanoTime());
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (!log.isDebugEnabled()) {
      return;
    }
    Object start = request.getProperty(START);
    long micros = start instanceof Long s ? (System.nanoTime() - s) / 1000 : -1;
    log.debug(
        "{} /{} -> {} in {} ms",
        request.getMethod(),
        request.getUriInfo().getPath(),
        response.getStatus(),
        micros / 1000.0);
  }
}
