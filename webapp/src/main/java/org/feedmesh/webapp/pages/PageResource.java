package org.feedmesh.webapp.pages;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.feedmesh.server.accounts.AccountStore;
import org.feedmesh.webapp.session.SignedIn;

/**
 * The view's pages: {@code /} (namespaces), {@code /ui/namespaces/{ns}} (its items), {@code
 * /ui/namespaces/{ns}/items/{id}} (one item) and {@code /ui/endpoints}. Each is a server-rendered
 * head and skeleton that its script fills from the JSON API; the namespace page's head carries the
 * feed's Atom and RSS {@code <link rel="alternate">} so that browsers and feed readers discover
 * them. Without a session a page sends the browser to the sign-in form (and back afterwards).
 */
@Path("ui")
@Produces(MediaType.TEXT_HTML)
public final class PageResource {
  private final AccountStore accounts;
  private final Optional<URI> publicUrl;

  public PageResource(AccountStore accounts, Optional<URI> publicUrl) {
    this.accounts = Objects.requireNonNull(accounts, "accounts");
    this.publicUrl = Objects.requireNonNull(publicUrl, "publicUrl");
  }

  /** The home page, {@code /} (see {@link Home}). */
  public Response namespaces(SecurityContext security) {
    return SignedIn.find(security)
        .map(who -> ok(Html.page("Namespaces", "namespaces", Map.of(), null, user(who),
            Skeletons.NAMESPACES)))
        .orElseGet(() -> toSignIn("/"));
  }

  @GET
  @Path("namespaces/{ns}")
  public Response namespace(
      @Context SecurityContext security, @Context UriInfo uri, @PathParam("ns") String ns) {
    String here = "/ui/namespaces/" + encode(ns);
    Optional<SignedIn> who = SignedIn.find(security);
    if (who.isEmpty()) {
      return toSignIn(here);
    }
    Optional<Response> refused = refusal(who.get(), ns);
    if (refused.isPresent()) {
      return refused.get();
    }
    URI base = publicUrl.orElse(uri.getBaseUri());
    String atom = base.resolve("feeds/" + encode(ns)).toString();
    String rss = atom + "?format=rss";
    String head =
        "<link rel=\"alternate\" type=\"application/atom+xml\" title=\""
            + Html.escape(ns)
            + " (Atom)\" href=\""
            + Html.escape(atom)
            + "\">\n<link rel=\"alternate\" type=\"application/rss+xml\" title=\""
            + Html.escape(ns)
            + " (RSS)\" href=\""
            + Html.escape(rss)
            + "\">\n";
    return ok(
        Html.page(
            ns,
            "namespace",
            Map.of("namespace", ns),
            head,
            user(who.get()),
            Skeletons.namespace(ns, atom, rss)));
  }

  @GET
  @Path("namespaces/{ns}/items/{id}")
  public Response item(
      @Context SecurityContext security, @PathParam("ns") String ns, @PathParam("id") String id) {
    String here = "/ui/namespaces/" + encode(ns) + "/items/" + encode(id);
    Optional<SignedIn> who = SignedIn.find(security);
    if (who.isEmpty()) {
      return toSignIn(here);
    }
    Optional<Response> refused = refusal(who.get(), ns);
    if (refused.isPresent()) {
      return refused.get();
    }
    Map<String, String> data = new LinkedHashMap<>();
    data.put("namespace", ns);
    data.put("item", id);
    return ok(Html.page("Item", "item", data, null, user(who.get()), Skeletons.item(ns)));
  }

  @GET
  @Path("endpoints")
  public Response endpoints(@Context SecurityContext security) {
    return SignedIn.find(security)
        .map(who -> ok(Html.page("Endpoints", "endpoints", Map.of(), null, user(who),
            Skeletons.ENDPOINTS)))
        .orElseGet(() -> toSignIn("/ui/endpoints"));
  }

  /** {@code GET /}: the namespaces page. */
  @Path("/")
  @Produces(MediaType.TEXT_HTML)
  public static final class Home {
    private final PageResource pages;

    public Home(PageResource pages) {
      this.pages = Objects.requireNonNull(pages, "pages");
    }

    @GET
    public Response home(@Context SecurityContext security) {
      return pages.namespaces(security);
    }
  }

  private Optional<Response> refusal(SignedIn who, String ns) {
    if (!who.caller().canRead(ns)) {
      return Optional.of(
          error(403, "Not yours to read", "You may not read namespace " + ns + ".", who));
    }
    if (accounts.namespace(ns).isEmpty()) {
      return Optional.of(
          error(404, "No such namespace", "There is no namespace " + ns + ".", who));
    }
    return Optional.empty();
  }

  private static Html.User user(SignedIn who) {
    return new Html.User(who.caller().id(), who.session().csrf());
  }

  private static Response ok(String html) {
    return Response.ok(html, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).build();
  }

  private static Response error(int status, String title, String message, SignedIn who) {
    String main =
        "<h1>" + Html.escape(title) + "</h1>\n<p class=\"message error\">"
            + Html.escape(message) + "</p>\n<p><a href=\"/\">All namespaces</a></p>";
    return Response.status(status)
        .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
        .entity(Html.page(title, null, Map.of(), null, user(who), main))
        .build();
  }

  private static Response toSignIn(String here) {
    return Response.seeOther(URI.create("/ui/sign-in?next=" + encode(here))).build();
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
