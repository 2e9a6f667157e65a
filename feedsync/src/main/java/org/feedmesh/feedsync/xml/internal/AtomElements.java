package org.feedmesh.feedsync.xml.internal;

import java.util.ArrayList;
import java.util.List;
import org.feedmesh.feedsync.FeedHead;
import org.feedmesh.feedsync.Item;
import org.feedmesh.feedsync.Payload;
import org.feedmesh.feedsync.Sharing;
import org.feedmesh.feedsync.xml.FeedFormat;
import org.feedmesh.feedsync.xml.FeedNamespaces;
import org.feedmesh.feedsync.xml.XmlLimits;
import org.jdom2.Element;
import org.jdom2.Namespace;

/** Atom 1.0 entries and feed heads, with their {@code sx:} and {@code fm:} elements. */
public final class AtomElements implements ItemElements {
  public static final AtomElements DEFAULT = new AtomElements(XmlLimits.DEFAULT.maxConflicts());

  private static final Namespace NS = Dom.ATOM;

  private final int maxConflicts;

  public AtomElements(int maxConflicts) {
    this.maxConflicts = maxConflicts;
  }

  @Override
  public FeedFormat format() {
    return FeedFormat.ATOM;
  }

  @Override
  public boolean isItem(String namespace, String localName) {
    return "entry".equals(localName) && FeedNamespaces.ATOM.equals(namespace);
  }

  @Override
  public Entry readEntry(Element entry) {
    PayloadParts p = new PayloadParts();
    for (Element c : Dom.children(entry)) {
      String ns = c.getNamespaceURI();
      if (ns.equals(FeedNamespaces.ATOM)) {
        readAtomChild(c, p);
      } else if (SxElements.isSync(c)) {
        p.sync(c, this, maxConflicts);
      } else if (FmElements.isFile(c)) {
        p.file(c);
      } else {
        p.foreign(c);
      }
    }
    return p.build();
  }

  private static void readAtomChild(Element c, PayloadParts p) {
    switch (c.getName()) {
      case "id" -> {
        if (p.entryId == null && Dom.isPlain(c)) {
          p.entryId = c.getText().strip();
        } else {
          p.foreign(c);
        }
      }
      case "title" -> p.title = once(p.title, AtomParts::readText, c, p);
      case "summary" -> p.summary = once(p.summary, AtomParts::readText, c, p);
      case "content" -> p.content = once(p.content, AtomParts::readContent, c, p);
      case "link" -> addOrKeep(p.links, AtomParts.readLink(c), c, p);
      case "author" -> addOrKeep(p.authors, AtomParts.readPerson(c), c, p);
      case "category" -> addOrKeep(p.categories, AtomParts.readCategory(c), c, p);
      case "published" -> p.published = p.atomDate(c, p.published);
      case "updated" -> p.updated = p.atomDate(c, p.updated);
      default -> p.foreign(c);
    }
  }

  /**
   * Maps a part the model holds once: the first mappable occurrence is mapped, anything else
   * (a second one, one that cannot be mapped exactly) is kept as a foreign element.
   */
  static <T> T once(T current, java.util.function.Function<Element, T> read, Element c, PayloadParts p) {
    T value = current == null ? read.apply(c) : null;
    if (value == null) {
      p.foreign(c);
      return current;
    }
    return value;
  }

  static <T> void addOrKeep(List<T> list, T value, Element c, PayloadParts p) {
    if (value == null) {
      p.foreign(c);
    } else {
      list.add(value);
    }
  }

  @Override
  public Element writeItem(Item item) {
    Payload p = item.payload();
    Element e = Dom.element("entry", NS);
    Dom.addText(e, "id", NS, p.entryId());
    if (p.title() != null) {
      Dom.add(e, AtomParts.writeText("title", NS, p.title()));
    }
    if (p.updated() != null) {
      Dom.addText(e, "updated", NS, Times.format(p.updated()));
    }
    if (p.published() != null) {
      Dom.addText(e, "published", NS, Times.format(p.published()));
    }
    for (Payload.Person a : p.authors()) {
      Dom.add(e, AtomParts.writePerson("author", NS, a));
    }
    for (Payload.Category c : p.categories()) {
      Dom.add(e, AtomParts.writeCategory(NS, c));
    }
    for (Payload.Link l : p.links()) {
      Dom.add(e, AtomParts.writeLink(NS, l));
    }
    if (p.summary() != null) {
      Dom.add(e, AtomParts.writeText("summary", NS, p.summary()));
    }
    if (p.content() != null) {
      Dom.add(e, AtomParts.writeContent(NS, p.content()));
    }
    Dom.add(e, SxElements.writeSync(item.sync(), this));
    if (p.file() != null) {
      Dom.add(e, FmElements.writeFile(p.file()));
    }
    for (Payload.Foreign f : p.foreign()) {
      Dom.add(e, AtomParts.foreignElement(f));
    }
    return e;
  }

  @Override
  public boolean isHeadElement(String namespace, String localName) {
    if (FeedNamespaces.ATOM.equals(namespace)) {
      return switch (localName) {
        case "id", "title", "updated", "link" -> true;
        default -> false;
      };
    }
    return FeedNamespaces.SX.equals(namespace)
        && (localName.equals("sharing") || localName.equals("unpublished"));
  }

  @Override
  public FeedHead readHead(List<Element> elements) {
    String id = null;
    String title = null;
    java.time.Instant updated = null;
    List<Payload.Link> links = new ArrayList<>();
    Sharing sharing = null;
    boolean unpublished = false;
    for (Element e : elements) {
      if (SxElements.isSharing(e)) {
        sharing = sharing == null ? SxElements.readSharing(e) : sharing;
      } else if (SxElements.isUnpublished(e)) {
        unpublished = true;
      } else if (e.getNamespaceURI().equals(FeedNamespaces.ATOM)) {
        switch (e.getName()) {
          case "id" -> id = id == null ? e.getText().strip() : id;
          case "title" -> title = title == null ? e.getText() : title;
          case "updated" -> updated = updated == null ? Times.parseOrNull(e.getText()) : updated;
          case "link" -> addIfMapped(links, AtomParts.readLink(e));
          default -> { }
        }
      }
    }
    return new FeedHead(id, title, updated, links, sharing, unpublished);
  }

  @Override
  public List<Element> writeHead(FeedHead head) {
    List<Element> out = new ArrayList<>();
    Element id = Dom.element("id", NS);
    if (head.id() != null) {
      Dom.setText(id, head.id());
      out.add(id);
    }
    Element title = Dom.element("title", NS);
    Dom.setText(title, head.title());
    out.add(title);
    if (head.updated() != null) {
      Element updated = Dom.element("updated", NS);
      Dom.setText(updated, Times.format(head.updated()));
      out.add(updated);
    }
    for (Payload.Link l : head.links()) {
      out.add(AtomParts.writeLink(NS, l));
    }
    writeSyncHead(head, out);
    return out;
  }

  static void writeSyncHead(FeedHead head, List<Element> out) {
    if (!head.sharing().equals(Sharing.NONE)) {
      out.add(SxElements.writeSharing(head.sharing()));
    }
    if (head.unpublished()) {
      out.add(SxElements.writeUnpublished());
    }
  }

  static <T> void addIfMapped(List<T> list, T value) {
    if (value != null) {
      list.add(value);
    }
  }
}
