package org.feedmesh.feedsync.xml.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.feedmesh.feedsync.InvalidFeedSyncException;
import org.feedmesh.feedsync.Payload;
import org.feedmesh.feedsync.Sync;
import org.feedmesh.feedsync.fm.FileMeta;
import org.jdom2.Element;

/**
 * The parts of one item collected while its children are read, in document order. A part that
 * arrives twice where the model holds one (a second title) is kept as a foreign element.
 */
final class PayloadParts {
  Sync sync;
  String entryId;
  Payload.Text title;
  Payload.Text summary;
  Payload.Content content;
  final List<Payload.Link> links = new ArrayList<>(2);
  final List<Payload.Person> authors = new ArrayList<>(1);
  final List<Payload.Category> categories = new ArrayList<>(1);
  Instant published;
  Instant updated;
  FileMeta file;
  final List<Payload.Foreign> foreign = new ArrayList<>(0);

  void sync(Element e, ItemElements items, int maxConflicts) {
    if (sync != null) {
      throw new InvalidFeedSyncException("an item has more than one sx:sync element");
    }
    sync = SxElements.readSync(e, items, maxConflicts);
  }

  void file(Element e) {
    if (file != null) {
      throw new InvalidFeedSyncException("an item has more than one fm:file element");
    }
    file = FmElements.readFile(e);
  }

  void foreign(Element e) {
    foreign.add(AtomParts.foreign(e));
  }

  /**
   * Reads an RFC 3339 (Atom) date, normalized to UTC whole seconds like every model time; a second
   * one, or one we cannot read, is kept verbatim.
   */
  Instant atomDate(Element e, Instant current) {
    Instant t = current == null && Dom.isPlain(e)
        ? Times.parseOrNull(e.getText()) : null;
    if (t == null) {
      foreign(e);
      return current;
    }
    return t;
  }

  ItemElements.Entry build() {
    Payload payload = new Payload(entryId, title, summary, content, links, authors, categories,
        published, updated, file, foreign);
    return new ItemElements.Entry(sync, payload);
  }
}
