package org.feedmesh.webapp.items;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.feedmesh.platform.auth.Caller;
import org.feedmesh.platform.http.ApiException;
import org.feedmesh.server.accounts.AccountStore;
import org.feedmesh.server.accounts.Endpoint;
import org.feedmesh.server.accounts.Namespace;
import org.feedmesh.server.journal.Journal;
import org.feedmesh.webapp.session.SignedIn;

/**
 * The view's JSON for the signed-in caller: {@code GET /ui/api/session} (who, the CSRF token for
 * state-changing requests, readable namespaces), {@code GET /ui/api/namespaces} (each readable
 * namespace with item count, conflicts, last change and cursor) and {@code GET
 * /ui/api/namespaces/{ns}/items} (one sorted, filtered page of the items table).
 */
@Path("ui/api")
@Produces(MediaType.APPLICATION_JSON)
public final class NamespacesResource {
  private final AccountStore accounts;
  private final Journal journal;
  private final ItemIndex index;
  private final Delivery delivery;

  public NamespacesResource(
      AccountStore accounts, Journal journal, ItemIndex index, Delivery delivery) {
    this.accounts = Objects.requireNonNull(accounts, "accounts");
    this.journal = Objects.requireNonNull(journal, "journal");
    this.index = Objects.requireNonNull(index, "index");
    this.delivery = Objects.requireNonNull(delivery, "delivery");
  }

  public record SessionView(String kind, String id, String csrf, List<String> namespaces) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record NamespaceView(
      String name,
      long items,
      long conflicts,
      long cursor,
      String lastChange,
      boolean write,
      int endpoints) {}

  public record ItemsPage(
      String namespace,
      long cursor,
      long indexed,
      long total,
      int offset,
      int limit,
      String sort,
      String dir,
      int endpoints,
      List<ItemView> items) {}

  public record ItemView(
      String id,
      String path,
      String kind,
      long size,
      int updates,
      String by,
      String when,
      boolean deleted,
      int conflicts,
      int delivered) {}

  @GET
  @Path("session")
  public SessionView session(@Context SecurityContext security) {
    SignedIn who = SignedIn.require(security);
    List<String> readable =
        accounts.namespaces().stream()
            .map(Namespace::name)
            .filter(who.caller()::canRead)
            .toList();
    return new SessionView(
        who.caller().isAdmin() ? "admin" : "endpoint",
        who.caller().id(),
        who.session().csrf(),
        readable);
  }

  @GET
  @Path("namespaces")
  public List<NamespaceView> namespaces(@Context SecurityContext security) {
    Caller caller = SignedIn.require(security).caller();
    List<NamespaceView> out = new ArrayList<>();
    for (Namespace n : accounts.namespaces()) {
      if (!caller.canRead(n.name())) {
        continue;
      }
      out.add(
          new NamespaceView(
              n.name(),
              journal.itemCount(n.name()),
              index.conflictCount(n.name()),
              n.lastCursor(),
              journal.journaledAt(n.name(), n.lastCursor()).map(Instant::toString).orElse(null),
              caller.canWrite(n.name()),
              accounts.endpointsOf(n.name()).size()));
    }
    return out;
  }

  @GET
  @Path("namespaces/{ns}/items")
  public ItemsPage items(
      @Context SecurityContext security,
      @PathParam("ns") String ns,
      @QueryParam("sort") String sort,
      @QueryParam("dir") String dir,
      @QueryParam("q") String filter,
      @QueryParam("conflicts") String conflicts,
      @QueryParam("deleted") String deleted,
      @QueryParam("offset") String offset,
      @QueryParam("limit") String limit) {
    Caller caller = SignedIn.require(security).caller();
    caller.requireRead(ns);
    Namespace namespace = accounts.requireNamespace(ns);
    ItemQuery q = query(ns, sort, dir, filter, conflicts, deleted, offset, limit);
    ItemIndex.Page page = index.query(q);
    Set<String> endpoints =
        accounts.endpointsOf(ns).stream().map(Endpoint::id).collect(Collectors.toSet());
    List<ItemView> items = new ArrayList<>();
    for (ItemRow r : page.rows()) {
      items.add(
          new ItemView(
              r.id(),
              r.path(),
              r.kind(),
              r.size(),
              r.updates(),
              r.changedBy(),
              r.changedAt().toString(),
              r.deleted(),
              r.conflicts(),
              delivery.count(ns, r, endpoints)));
    }
    return new ItemsPage(
        ns,
        namespace.lastCursor(),
        index.indexedCursor(ns),
        page.total(),
        q.offset(),
        q.limit(),
        q.sort().name().toLowerCase(java.util.Locale.ROOT),
        q.descending() ? "desc" : "asc",
        endpoints.size(),
        items);
  }

  private static ItemQuery query(
      String ns,
      String sort,
      String dir,
      String filter,
      String conflicts,
      String deleted,
      String offset,
      String limit) {
    try {
      if (dir != null && !dir.isEmpty() && !dir.equals("asc") && !dir.equals("desc")) {
        throw new IllegalArgumentException("dir must be asc or desc");
      }
      return new ItemQuery(
          ns,
          ItemQuery.Sort.parse(sort),
          "desc".equals(dir),
          filter,
          "true".equals(conflicts),
          ItemQuery.Deleted.parse(deleted),
          number("offset", offset, 0),
          number("limit", limit, 100));
    } catch (IllegalArgumentException e) {
      throw new ApiException(400, e.getMessage(), Map.of(), e);
    }
  }

  private static int number(String name, String value, int otherwise) {
    if (value == null || value.isEmpty()) {
      return otherwise;
    }
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number");
    }
  }
}
