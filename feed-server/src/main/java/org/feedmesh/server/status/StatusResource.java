package org.feedmesh.server.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.feedmesh.feedsync.Item;
import org.feedmesh.platform.auth.Caller;
import org.feedmesh.platform.http.ApiException;
import org.feedmesh.server.accounts.AccountStore;
import org.feedmesh.server.accounts.Endpoint;
import org.feedmesh.server.journal.Journal;
import org.feedmesh.server.notify.LongPoll;

/**
 * Status of applied changes over HTTP (JSON):
 *
 * <ul>
 *   <li>{@code POST /feeds/{ns}/status} {@code {"reports": [{"id", "updates", "result",
 *       "reason"}]}} — an endpoint reports results ({@code applied}, {@code conflict}, {@code
 *       failed});
 *   <li>{@code GET /feeds/{ns}/items/{id}/status} — per endpoint, its latest report, and which
 *       endpoints of the namespace have not yet applied the current version;
 *   <li>{@code GET /feeds/{ns}/status?since=S&wait=W} — status events after S, long-polling up to W
 *       seconds for new ones (how the origin endpoint learns its change reached the others).
 * </ul>
 */
@Path("feeds/{ns}")
@Produces(MediaType.APPLICATION_JSON)
public final class StatusResource {
  /** Prefix of the long-poll key of a namespace's status events. */
  public static final String KEY_PREFIX = "status/";

  private static final int PAGE = 1000;

  private final StatusStore store;
  private final Journal journal;
  private final AccountStore accounts;
  private final LongPoll longPoll;

  public StatusResource(
      StatusStore store, Journal journal, AccountStore accounts, LongPoll longPoll) {
    this.store = Objects.requireNonNull(store, "store");
    this.journal = Objects.requireNonNull(journal, "journal");
    this.accounts = Objects.requireNonNull(accounts, "accounts");
    this.longPoll = Objects.requireNonNull(longPoll, "longPoll");
  }

  public record Reports(List<StatusReport> reports) {}

  public record Accepted(int accepted, long lastSeq) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record EndpointStatus(
      String endpoint,
      int updates,
      String result,
      String reason,
      String reported,
      boolean current) {}

  public record ItemStatus(
      String id,
      int updates,
      boolean deleted,
      List<EndpointStatus> endpoints,
      List<String> pending) {}

  public record Events(long since, long until, List<EndpointEvent> events) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record EndpointEvent(
      long seq,
      String endpoint,
      String id,
      int updates,
      String result,
      String reason,
      String reported) {
    static EndpointEvent of(StatusEvent e) {
      return new EndpointEvent(
          e.seq(),
          e.endpoint(),
          e.id(),
          e.updates(),
          e.result().json(),
          e.reason(),
          e.reported().toString());
    }
  }

  @POST
  @Path("status")
  @Consumes(MediaType.APPLICATION_JSON)
  public Accepted report(@Context Caller caller, @PathParam("ns") String ns, Reports body) {
    if (body == null || body.reports() == null) {
      throw ApiException.badRequest(
          "a JSON body is required, for example {\"reports\": "
              + "[{\"id\": \"...\", \"updates\": 3, \"result\": \"applied\"}]}");
    }
    if (body.reports().contains(null)) {
      throw ApiException.badRequest("reports must not contain null");
    }
    List<StatusEvent> events = store.report(ns, caller, body.reports());
    return new Accepted(
        events.size(), events.isEmpty() ? store.lastSeq(ns) : events.get(events.size() - 1).seq());
  }

  @GET
  @Path("items/{id}/status")
  public ItemStatus itemStatus(
      @Context Caller caller, @PathParam("ns") String ns, @PathParam("id") String id) {
    caller.requireRead(ns);
    Item current =
        journal
            .current(ns, id)
            .orElseThrow(
                () ->
                    new ApiException(
                        404,
                        "item " + id + " is not in namespace '" + ns + "'",
                        Map.of("item", id)));
    Map<String, StatusEvent> latest =
        store.itemStatus(ns, id).stream()
            .collect(Collectors.toMap(StatusEvent::endpoint, Function.identity()));
    List<EndpointStatus> endpoints = new ArrayList<>();
    latest.values().stream()
        .sorted(java.util.Comparator.comparing(StatusEvent::endpoint))
        .forEach(
            e ->
                endpoints.add(
                    new EndpointStatus(
                        e.endpoint(),
                        e.updates(),
                        e.result().json(),
                        e.reason(),
                        e.reported().toString(),
                        e.updates() == current.updates())));
    List<String> pending = new ArrayList<>();
    for (Endpoint e : accounts.endpointsOf(ns)) {
      StatusEvent s = latest.get(e.id());
      boolean applied =
          s != null
              && s.updates() == current.updates()
              && s.result() == StatusReport.Result.APPLIED;
      if (!applied) {
        pending.add(e.id());
      }
    }
    return new ItemStatus(id, current.updates(), current.isDeleted(), endpoints, pending);
  }

  @GET
  @Path("status")
  public void events(
      @Context Caller caller,
      @PathParam("ns") String ns,
      @QueryParam("since") String sinceParam,
      @QueryParam("wait") String waitParam,
      @Suspended AsyncResponse response) {
    caller.requireRead(ns);
    journal.lastCursor(ns); // 404 for an unknown namespace
    long since = LongPoll.since(sinceParam);
    Duration wait = LongPoll.waitSeconds(waitParam);
    longPoll.answer(
        response,
        KEY_PREFIX + ns,
        since,
        wait,
        () -> store.lastSeq(ns),
        () -> {
          List<EndpointEvent> events =
              store.events(ns, since, PAGE).stream().map(EndpointEvent::of).toList();
          long until = events.isEmpty() ? Math.max(since, 0) : events.get(events.size() - 1).seq();
          return new Events(since, until, events);
        });
  }
}
