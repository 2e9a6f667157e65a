package org.feedmesh.server.hub;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.List;
import org.feedmesh.feedsync.FeedHead;
import org.feedmesh.feedsync.Payload;
import org.feedmesh.feedsync.Sharing;
import org.feedmesh.feedsync.xml.FeedFormat;
import org.feedmesh.feedsync.xml.FeedWriter;
import org.feedmesh.server.journal.JournalEntry;

/**
 * Distribution bodies written with the FeedSync library's {@link FeedWriter}: a sync feed in the
 * topic's format whose head is that of {@code GET /feeds/{ns}} (same id and title), with the topic
 * as {@code rel="self"}, the hub ({@code rel="hub"}) and the cursors it covers ({@code sx:sharing
 * since/until}), followed by the current version of every item journaled in that range.
 */
public final class FeedNotificationWriter implements NotificationWriter {
  @Override
  public void write(Notification n, OutputStream out) throws IOException {
    Topic topic = n.topic();
    FeedFormat format = topic.format();
    FeedHead head =
        new FeedHead(
            topic.feedId(),
            "FeedMesh " + topic.namespace(),
            n.updated(),
            List.of(
                new Payload.Link(URI.create(topic.url()), "self", format.mediaType(), null, null),
                new Payload.Link(URI.create(n.hubUrl()), "hub", null, null, null)),
            Sharing.ofCursors(n.since(), n.until()),
            false);
    try (FeedWriter feed = FeedWriter.open(out, format, head)) {
      for (JournalEntry e : n.entries()) {
        feed.write(e.item());
      }
      feed.finish();
    }
  }
}
