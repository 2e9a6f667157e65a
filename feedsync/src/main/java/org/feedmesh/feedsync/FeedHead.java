package org.feedmesh.feedsync;

import java.time.Instant;
import java.util.List;

/**
 * What a sync feed says about itself before its items: Atom {@code id}/RSS link, title, update
 * time, links (self, hub, next, ...), {@code sx:sharing}, and whether the feed is marked
 * {@code sx:unpublished} (an endpoint's private copy that subscribers must not republish).
 */
public record FeedHead(
    String id,
    String title,
    Instant updated,
    List<Payload.Link> links,
    Sharing sharing,
    boolean unpublished) {

  public FeedHead {
    title = title == null ? "" : title;
    updated = Rfc3339.normalize(updated);
    links = links == null ? List.of() : List.copyOf(links);
    sharing = sharing == null ? Sharing.NONE : sharing;
  }

  public static FeedHead of(String id, String title, Instant updated) {
    return new FeedHead(id, title, updated, List.of(), Sharing.NONE, false);
  }
}
