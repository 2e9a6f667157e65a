package org.feedmesh.server.feeds;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.feedmesh.feedsync.FeedHead;
import org.feedmesh.feedsync.Item;
import org.feedmesh.feedsync.Payload;
import org.feedmesh.feedsync.Sharing;
import org.feedmesh.feedsync.xml.FeedFormat;
import org.feedmesh.feedsync.xml.FeedReader;
import org.feedmesh.feedsync.xml.FeedWriter;
import org.feedmesh.feedsync.xml.XmlLimits;
import org.feedmesh.platform.auth.Caller;
import org.feedmesh.platform.http.ApiException;
import org.feedmesh.server.atompub.Entries;
import org.feedmesh.server.journal.Journal;
import org.feedmesh.server.journal.JournalEntry;
import org.feedmesh.server.journal.PublishResult;
import org.feedmesh.server.notify.LongPoll;

/**
 * A namespace's feed, {@code /feeds/{ns}}.
 *
 * <ul>
 *   <li>{@code GET}: the whole feed (every current item, streamed), or with {@code ?since=CURSOR}
 *       the items changed after that cursor, {@code limit} per page with an RFC 5005 {@code
 *       rel="next"} link; {@code &wait=SECONDS} long-polls for news. Atom by default, RSS 2.0 with
 *       {@code ?format=rss} or {@code Accept: application/rss+xml}. {@code sx:sharing} since/until
 *       carry zero-padded cursors. ETag + If-None-Match → 304. {@code Link} headers {@code
 *       rel="hub"} and {@code rel="self"} (the topic URL), as {@code atom:link}s too.
 *   <li>{@code POST} a FeedSync feed (Atom or RSS): each item merged with the stored one in one
 *       transaction; the answer is the merged version of every posted item, conflicts included.
 *       {@code POST} of an Atom entry ({@code application/atom+xml;type=entry}) creates a
 *       collection member (AtomPub, see {@link Entries}).
 * </ul>
 */
@Path("feeds/{ns}")
public final class FeedResource {
  public static final int DEFAULT_PAGE = 1000;
  public static final int MAX_PAGE = 10_000;

  /** Response header with the newest cursor the answer covers. */
  public static final String CURSOR_HEADER = "X-FeedMesh-Cursor";

  private final Journal journal;
  private final Entries entries;
  private final LongPoll longPoll;
  private final Optional<URI> publicUrl;
  private final XmlLimits limits;
  private final Timer publishTime;
  private final Counter itemsPosted;
  private final Counter itemsJournaled;

  public FeedResource(
      Journal journal,
      Entries entries,
      LongPoll longPoll,
      Optional<URI> publicUrl,
      XmlLimits limits,
      MeterRegistry metrics) {
    this.journal = Objects.requireNonNull(journal, "journal");
    this.entries = Objects.requireNonNull(entries, "entries");
    this.longPoll = Objects.requireNonNull(longPoll, "longPoll");
    this.publicUrl = Objects.requireNonNull(publicUrl, "publicUrl");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.publishTime =
        Timer.builder("feedmesh.publish")
            .description("time to merge and journal a posted feed")
            .register(metrics);
    this.itemsPosted =
        Counter.builder("feedmesh.publish.items").description("items posted").register(metrics);
    this.itemsJournaled =
        Counter.builder("feedmesh.publish.journaled")
            .description("posted items that changed and were journaled")
            .register(metrics);
  }

  @GET
  public void read(
      @Context Caller caller,
      @Context UriInfo uri,
      @Context HttpHeaders headers,
      @PathParam("ns") String ns,
      @QueryParam("since") String sinceParam,
      @QueryParam("wait") String waitParam,
      @QueryParam("limit") String limitParam,
      @QueryParam("format") String formatParam,
      @Suspended AsyncResponse response) {
    caller.requireRead(ns);
    journal.lastCursor(ns); // 404 for an unknown namespace
    FeedFormat format = negotiate(formatParam, headers.getHeaderString(HttpHeaders.ACCEPT));
    boolean paged = sinceParam != null;
    long since = LongPoll.since(sinceParam);
    Duration wait = LongPoll.waitSeconds(waitParam);
    if (!paged && !wait.isZero()) {
      throw new ApiException(
          400,
          "wait needs since: long-poll with ?since=CURSOR&wait=SECONDS",
          Map.of("parameter", "wait"));
    }
    int limit = LongPoll.limit(limitParam, DEFAULT_PAGE, MAX_PAGE);
    FeedLinks links = FeedLinks.of(publicUrl, uri, ns);
    String ifNoneMatch = headers.getHeaderString(HttpHeaders.IF_NONE_MATCH);
    FeedPage.Request page =
        new FeedPage.Request(
            ns, format, paged, since, limit, formatParam, limitParam == null ? null : limit);
    longPoll.answer(
        response,
        ns,
        since,
        wait,
        () -> journal.lastCursor(ns),
        () -> render(page, links, ifNoneMatch));
  }

  private Response render(FeedPage.Request request, FeedLinks links, String ifNoneMatch) {
    FeedPage page = FeedPage.plan(journal, request);
    EntityTag tag = new EntityTag(page.etag());
    Response.ResponseBuilder b;
    if (Etags.matches(ifNoneMatch, page.etag())) {
      b = Response.notModified(tag);
    } else {
      FeedHead head =
          new FeedHead(
              links.self().toString(),
              "FeedMesh " + request.namespace(),
              journal.updated(request.namespace(), page.until()),
              page.headLinks(links),
              page.sharing(),
              false);
      StreamingOutput body =
          out -> {
            try (FeedWriter writer = FeedWriter.open(out, request.format(), head)) {
              if (request.paged()) {
                for (JournalEntry e : page.entries()) {
                  writer.write(e.item());
                }
              } else {
                journal.forEachChange(
                    request.namespace(), 0, page.until(), e -> writer.write(e.item()));
              }
              writer.finish();
            }
          };
      b = Response.ok(body).type(request.format().mediaType() + ";charset=utf-8").tag(tag);
      page.next(links).ifPresent(next -> b.link(next, "next"));
    }
    return b.links(links.hubLink(), links.selfLink())
        .header(CURSOR_HEADER, page.until())
        .header(HttpHeaders.CACHE_CONTROL, "private, no-cache")
        .build();
  }

  @POST
  public Response publish(
      @Context Caller caller,
      @Context UriInfo uri,
      @Context HttpHeaders headers,
      @PathParam("ns") String ns,
      InputStream body) {
    caller.requireWrite(ns);
    journal.lastCursor(ns); // 404 before reading the body
    MediaType type = headers.getMediaType();
    if (Entries.isEntry(type)) {
      return entries.create(caller, ns, FeedLinks.of(publicUrl, uri, ns), body);
    }
    if (type == null || !(FeedFormat.ofMediaType(type.toString()).isPresent() || isXml(type))) {
      throw new ApiException(
          415,
          "POST a FeedSync feed as application/atom+xml or "
              + "application/rss+xml (or an Atom entry as application/atom+xml;type=entry), got "
              + (type == null ? "no Content-Type" : type.toString()),
          Map.of(
              "accepted",
              List.of(
                  "application/atom+xml",
                  "application/rss+xml",
                  "application/atom+xml;type=entry")));
    }
    Timer.Sample timing = Timer.start();
    List<Item> items = new ArrayList<>();
    FeedFormat format;
    try (FeedReader reader = FeedReader.open(body, limits)) {
      format = reader.format();
      while (reader.hasNext()) {
        items.add(reader.next());
      }
    }
    PublishResult result = journal.publish(ns, caller, items);
    timing.stop(publishTime);
    itemsPosted.increment(items.size());
    itemsJournaled.increment(result.journaled().size());
    FeedLinks links = FeedLinks.of(publicUrl, uri, ns);
    FeedHead head =
        new FeedHead(
            links.self().toString(),
            "FeedMesh " + ns,
            journal.updated(ns, result.lastCursor()),
            List.of(
                new Payload.Link(links.self(), "self", null, null, null),
                new Payload.Link(links.hub(), "hub", null, null, null)),
            new Sharing(null, Sharing.cursor(result.lastCursor()), null, List.of()),
            false);
    StreamingOutput out =
        o -> {
          try (FeedWriter writer = FeedWriter.open(o, format, head)) {
            for (Item i : result.merged()) {
              writer.write(i);
            }
            writer.finish();
          }
        };
    return Response.ok(out)
        .type(format.mediaType() + ";charset=utf-8")
        .links(links.hubLink(), links.selfLink())
        .header(CURSOR_HEADER, result.lastCursor())
        .build();
  }

  static FeedFormat negotiate(String formatParam, String accept) {
    if (formatParam != null) {
      return switch (formatParam.toLowerCase(Locale.ROOT)) {
        case "atom" -> FeedFormat.ATOM;
        case "rss" -> FeedFormat.RSS;
        default ->
            throw new ApiException(
                400, "format must be atom or rss", Map.of("parameter", "format"));
      };
    }
    if (accept != null) {
      String a = accept.toLowerCase(Locale.ROOT);
      int rss = a.indexOf("application/rss+xml");
      int atom = a.indexOf("application/atom+xml");
      if (rss >= 0 && (atom < 0 || rss < atom)) {
        return FeedFormat.RSS;
      }
    }
    return FeedFormat.ATOM;
  }

  private static boolean isXml(MediaType type) {
    String t = type.getType() + "/" + type.getSubtype();
    return t.equalsIgnoreCase("application/xml") || t.equalsIgnoreCase("text/xml");
  }
}
