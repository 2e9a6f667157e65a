package org.feedmesh.feedsync.xml.internal;

import java.util.ArrayList;
import java.util.List;
import org.feedmesh.feedsync.History;
import org.feedmesh.feedsync.InvalidFeedSyncException;
import org.feedmesh.feedsync.Item;
import org.feedmesh.feedsync.Related;
import org.feedmesh.feedsync.Sharing;
import org.feedmesh.feedsync.Sync;
import org.feedmesh.feedsync.xml.FeedTooLargeException;
import org.jdom2.Element;

/** The {@code sx:} elements of FeedSync 1.0.1 to and from the model. */
public final class SxElements {
  private SxElements() {}

  public static boolean isSharing(Element e) {
    return Dom.is(e, Dom.SX, "sharing");
  }

  public static boolean isUnpublished(Element e) {
    return Dom.is(e, Dom.SX, "unpublished");
  }

  public static boolean isSync(Element e) {
    return Dom.is(e, Dom.SX, "sync");
  }

  public static Sharing readSharing(Element sharing) {
    List<Related> related = new ArrayList<>();
    for (Element c : Dom.children(sharing)) {
      if (Dom.is(c, Dom.SX, "related")) {
        String link = Values.required(c, "link");
        related.add(new Related(Values.uri(c, "link", link),
            Related.Type.fromXml(Values.required(c, "type")), c.getAttributeValue("title")));
      }
    }
    return new Sharing(sharing.getAttributeValue("since"), sharing.getAttributeValue("until"),
        Values.time(sharing, "expires"), related);
  }

  public static Element writeSharing(Sharing sharing) {
    Element e = Dom.element("sharing", Dom.SX);
    Dom.attribute(e, "since", sharing.since());
    Dom.attribute(e, "until", sharing.until());
    Dom.attribute(e, "expires", sharing.expires() == null ? null : Times.format(sharing.expires()));
    for (Related r : sharing.related()) {
      Element c = Dom.element("related", Dom.SX);
      Dom.attribute(c, "link", r.link().toString());
      Dom.attribute(c, "type", r.type().xml());
      Dom.attribute(c, "title", r.title());
      Dom.add(e, c);
    }
    return e;
  }

  public static Element writeUnpublished() {
    return Dom.element("unpublished", Dom.SX);
  }

  /**
   * Reads {@code sx:sync}; conflict versions inside {@code sx:conflicts} are read as items of the
   * same format. At most {@code maxConflicts} of them.
   */
  public static Sync readSync(Element sync, ItemElements items, int maxConflicts) {
    String id = Values.required(sync, "id");
    int updates = Values.positiveInt(sync, "updates", Values.required(sync, "updates"));
    boolean deleted = Values.bool(sync, "deleted");
    boolean noConflicts = Values.bool(sync, "noconflicts");
    List<History> history = new ArrayList<>(4);
    List<Item> conflicts = List.of();
    for (Element c : Dom.children(sync)) {
      if (Dom.is(c, Dom.SX, "history")) {
        history.add(readHistory(c));
      } else if (Dom.is(c, Dom.SX, "conflicts")) {
        conflicts = readConflicts(c, items, maxConflicts, id);
      }
    }
    return new Sync(id, updates, deleted, noConflicts, history, conflicts);
  }

  public static Element writeSync(Sync sync, ItemElements items) {
    Element e = Dom.element("sync", Dom.SX);
    Dom.attribute(e, "id", sync.id());
    Dom.attribute(e, "updates", Integer.toString(sync.updates()));
    if (sync.deleted()) {
      Dom.attribute(e, "deleted", "true");
    }
    if (sync.noConflicts()) {
      Dom.attribute(e, "noconflicts", "true");
    }
    for (History h : sync.history()) {
      Element c = Dom.element("history", Dom.SX);
      Dom.attribute(c, "sequence", Integer.toString(h.sequence()));
      Dom.attribute(c, "when", h.when() == null ? null : Times.format(h.when()));
      Dom.attribute(c, "by", h.by());
      Dom.add(e, c);
    }
    if (!sync.conflicts().isEmpty()) {
      Element conflicts = Dom.element("conflicts", Dom.SX);
      for (Item conflict : sync.conflicts()) {
        Dom.add(conflicts, items.writeItem(conflict));
      }
      Dom.add(e, conflicts);
    }
    return e;
  }

  private static History readHistory(Element h) {
    int sequence = Values.positiveInt(h, "sequence", Values.required(h, "sequence"));
    return new History(sequence, Values.time(h, "when"), h.getAttributeValue("by"));
  }

  private static List<Item> readConflicts(Element conflicts, ItemElements items, int max, String id) {
    List<Item> result = new ArrayList<>();
    for (Element c : Dom.children(conflicts)) {
      if (!items.isItem(c)) {
        continue;
      }
      if (result.size() == max) {
        throw new FeedTooLargeException(
            "item " + id + " has too many sx:conflicts versions", "maxConflicts", max, -1, -1);
      }
      try {
        result.add(items.readItem(c));
      } catch (InvalidFeedSyncException e) {
        throw new InvalidFeedSyncException(
            "conflict " + (result.size() + 1) + " of item " + id + ": " + e.getMessage(), e);
      }
    }
    return result;
  }
}
