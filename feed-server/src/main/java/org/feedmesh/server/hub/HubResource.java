package org.feedmesh.server.hub;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.feedmesh.platform.auth.Caller;

/**
 * {@code POST /hub}: the WebSub hub endpoint (form-encoded {@code hub.*} parameters; 202 and an
 * asynchronous verification of intent, or a JSON error). {@code GET /hub/subscriptions}: the
 * caller's subscriptions with their delivery state (the admin sees all), never their secrets.
 */
@Path("hub")
public final class HubResource {
  private final Hub hub;
  private final Optional<URI> publicUrl;

  /**
   * @param publicUrl the server's public URL, when configured; topics may use it too
   */
  public HubResource(Hub hub, Optional<URI> publicUrl) {
    this.hub = Objects.requireNonNull(hub, "hub");
    this.publicUrl = Objects.requireNonNull(publicUrl, "publicUrl");
  }

  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Produces(MediaType.APPLICATION_JSON)
  public Response request(
      @Context Caller caller, @Context UriInfo uri, MultivaluedMap<String, String> form) {
    SubscriptionRequest request = SubscriptionRequest.of(form);
    return Response.accepted(hub.request(request, caller, bases(uri))).build();
  }

  @GET
  @Path("subscriptions")
  @Produces(MediaType.APPLICATION_JSON)
  public List<SubscriptionView> subscriptions(@Context Caller caller) {
    Optional<String> who = caller.isAdmin() ? Optional.empty() : Optional.of(caller.id());
    return hub.subscriptions().list(who).stream().map(SubscriptionView::of).toList();
  }

  private List<URI> bases(UriInfo uri) {
    List<URI> bases = new ArrayList<>(2);
    publicUrl.map(HubResource::withSlash).ifPresent(bases::add);
    bases.add(withSlash(uri.getBaseUri()));
    return bases;
  }

  private static URI withSlash(URI u) {
    String s = u.toString();
    return s.endsWith("/") ? u : URI.create(s + "/");
  }

  /** A subscription as {@code GET /hub/subscriptions} shows it. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record SubscriptionView(
      long id,
      String topic,
      String namespace,
      String callback,
      String subscriber,
      long leaseSeconds,
      String expiresAt,
      String state,
      String endedReason,
      long deliveredCursor,
      int failedAttempts,
      String nextAttemptAt,
      String lastError,
      String lastDeliveredAt,
      boolean signed) {
    static SubscriptionView of(Subscription s) {
      return new SubscriptionView(
          s.id(),
          s.topic().url(),
          s.topic().namespace(),
          s.callback(),
          s.subscriber(),
          s.leaseSeconds(),
          s.expiresAt().toString(),
          s.state().name().toLowerCase(Locale.ROOT),
          s.endedReason().orElse(null),
          s.deliveredCursor(),
          s.attempts(),
          s.nextAttemptAt().map(Instant::toString).orElse(null),
          s.lastError().orElse(null),
          s.lastDeliveredAt().map(Instant::toString).orElse(null),
          s.secret().isPresent());
    }
  }
}
