package org.feedmesh.server.feeds;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.feedmesh.feedsync.Payload;
import org.feedmesh.feedsync.Sharing;
import org.feedmesh.feedsync.xml.FeedFormat;
import org.feedmesh.server.journal.Journal;
import org.feedmesh.server.journal.JournalEntry;

/**
 * What one GET of a feed answers, decided from the journal at one moment: the cursor range, the
 * items of a page, whether there is a next page, and the ETag (a function of the namespace's newest
 * cursor and the request, so it changes exactly when the answer would).
 *
 * @param until the newest cursor the answer covers (what the client passes as the next since)
 * @param entries the items of a paged answer; empty for the whole feed, which is streamed
 * @param more whether a next page exists
 */
record FeedPage(Request request, long last, long until, List<JournalEntry> entries, boolean more) {

  /** The parsed request. {@code formatParam} and {@code limitParam} are echoed in next links. */
  record Request(
      String namespace,
      FeedFormat format,
      boolean paged,
      long since,
      int limit,
      String formatParam,
      Integer limitParam) {}

  static FeedPage plan(Journal journal, Request r) {
    long last = journal.lastCursor(r.namespace());
    if (!r.paged()) {
      return new FeedPage(r, last, last, List.of(), false);
    }
    List<JournalEntry> entries =
        r.since() >= last ? List.of() : journal.changes(r.namespace(), r.since(), last, r.limit());
    boolean more = entries.size() == r.limit() && entries.get(entries.size() - 1).cursor() < last;
    long until = more ? entries.get(entries.size() - 1).cursor() : Math.max(last, r.since());
    return new FeedPage(r, last, until, entries, more);
  }

  String etag() {
    String base = "f" + last + "-" + request.format().name().toLowerCase(Locale.ROOT);
    return request.paged() ? base + "-s" + request.since() + "-l" + request.limit() : base;
  }

  Sharing sharing() {
    return request.paged()
        ? Sharing.ofCursors(request.since(), until)
        : new Sharing(null, Sharing.cursor(until), null, List.of());
  }

  Optional<URI> next(FeedLinks links) {
    return more
        ? Optional.of(links.next(until, request.formatParam(), request.limitParam()))
        : Optional.empty();
  }

  List<Payload.Link> headLinks(FeedLinks links) {
    List<Payload.Link> out = new ArrayList<>();
    out.add(new Payload.Link(links.self(), "self", request.format().mediaType(), null, null));
    out.add(new Payload.Link(links.hub(), "hub", null, null, null));
    next(links)
        .ifPresent(
            n -> out.add(new Payload.Link(n, "next", request.format().mediaType(), null, null)));
    return out;
  }
}
