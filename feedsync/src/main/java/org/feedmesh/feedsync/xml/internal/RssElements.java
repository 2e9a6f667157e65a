package org.feedmesh.feedsync.xml.internal;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.feedmesh.feedsync.FeedHead;
import org.feedmesh.feedsync.Item;
import org.feedmesh.feedsync.Payload;
import org.feedmesh.feedsync.Sharing;
import org.feedmesh.feedsync.xml.FeedFormat;
import org.feedmesh.feedsync.xml.FeedNamespaces;
import org.feedmesh.feedsync.xml.XmlLimits;
import org.jdom2.Element;
import org.jdom2.Namespace;

/**
 * RSS 2.0 items and channel heads, with their {@code sx:} and {@code fm:} elements.
 *
 * <p>RSS says less than the payload model, so each part goes to the RSS element that carries it
 * exactly, and otherwise to the Atom element ({@code atom:} prefix) that does; RSS 2.0 allows
 * namespaced elements in items. Where an RSS element is still useful to feed readers (a title
 * that is HTML, a summary that is plain text) both are written and, on reading, the {@code atom:}
 * one wins. So every payload survives RSS → model → RSS and Atom → RSS → Atom unchanged.
 */
public final class RssElements implements ItemElements {
  public static final RssElements DEFAULT = new RssElements(XmlLimits.DEFAULT.maxConflicts());

  private static final Namespace NONE = Namespace.NO_NAMESPACE;
  private static final Namespace ATOM = Dom.ATOM_PREFIXED;
  private static final Pattern AUTHOR = Pattern.compile("(\\S+@\\S+)(?: \\((.*)\\))?", Pattern.DOTALL);

  private final int maxConflicts;

  public RssElements(int maxConflicts) {
    this.maxConflicts = maxConflicts;
  }

  @Override
  public FeedFormat format() {
    return FeedFormat.RSS;
  }

  @Override
  public boolean isItem(String namespace, String localName) {
    return "item".equals(localName) && (namespace == null || namespace.isEmpty());
  }

  @Override
  public Entry readEntry(Element item) {
    RssParts r = new RssParts();
    for (Element c : Dom.children(item)) {
      String ns = c.getNamespaceURI();
      if (ns.isEmpty()) {
        readRssChild(c, r);
      } else if (ns.equals(FeedNamespaces.ATOM)) {
        readAtomChild(c, r);
      } else if (ns.equals(FeedNamespaces.CONTENT) && c.getName().equals("encoded")) {
        r.encoded = AtomElements.once(r.encoded, RssElements::encoded, c, r.p);
      } else if (SxElements.isSync(c)) {
        r.p.sync(c, this, maxConflicts);
      } else if (FmElements.isFile(c)) {
        r.p.file(c);
      } else {
        r.p.foreign(c);
      }
    }
    return r.build();
  }

  private static void readRssChild(Element c, RssParts r) {
    PayloadParts p = r.p;
    switch (c.getName()) {
      case "title" -> r.title = AtomElements.once(r.title, e -> plain(e, "text"), c, p);
      case "description" -> r.description = AtomElements.once(r.description, e -> plain(e, "html"), c, p);
      case "guid" -> {
        if (p.entryId == null && onlyAttribute(c, "isPermaLink") && !Dom.hasChildElements(c)) {
          p.entryId = c.getText().strip();
        } else {
          p.foreign(c);
        }
      }
      case "link" -> AtomElements.addOrKeep(p.links, r.link++ == 0 ? link(c) : null, c, p);
      case "enclosure" -> AtomElements.addOrKeep(p.links, enclosure(c), c, p);
      case "author" -> AtomElements.addOrKeep(p.authors, author(c), c, p);
      case "category" -> AtomElements.addOrKeep(p.categories, category(c), c, p);
      case "pubDate" -> p.published = AtomElements.once(p.published, RssElements::rfc822, c, p);
      default -> p.foreign(c);
    }
  }

  private static void readAtomChild(Element c, RssParts r) {
    PayloadParts p = r.p;
    switch (c.getName()) {
      case "title" -> r.atomTitle = AtomElements.once(r.atomTitle, AtomParts::readText, c, p);
      case "summary" -> r.atomSummary = AtomElements.once(r.atomSummary, AtomParts::readText, c, p);
      case "content" -> r.atomContent = AtomElements.once(r.atomContent, AtomParts::readContent, c, p);
      case "link" -> AtomElements.addOrKeep(p.links, AtomParts.readLink(c), c, p);
      case "author" -> AtomElements.addOrKeep(p.authors, AtomParts.readPerson(c), c, p);
      case "category" -> AtomElements.addOrKeep(p.categories, AtomParts.readCategory(c), c, p);
      case "updated" -> p.updated = p.atomDate(c, p.updated);
      default -> p.foreign(c);
    }
  }

  @Override
  public Element writeItem(Item item) {
    Payload p = item.payload();
    Element e = Dom.element("item", NONE);
    writeTitle(e, p.title());
    if (p.entryId() != null) {
      Dom.attribute(Dom.addText(e, "guid", NONE, p.entryId()), "isPermaLink", "false");
    }
    boolean rssLink = false;
    for (Payload.Link l : p.links()) {
      rssLink |= writeLink(e, l, rssLink);
    }
    for (Payload.Person a : p.authors()) {
      String rss = a.email() == null || a.uri() != null ? null
          : a.email() + (a.name() == null ? "" : " (" + a.name() + ")");
      if (rss != null && a.equals(author(rss))) {
        Dom.addText(e, "author", NONE, rss);
      } else {
        Dom.add(e, AtomParts.writePerson("author", ATOM, a));
      }
    }
    for (Payload.Category c : p.categories()) {
      if (c.label() == null) {
        Dom.attribute(Dom.addText(e, "category", NONE, c.term()), "domain", c.scheme());
      } else {
        Dom.add(e, AtomParts.writeCategory(ATOM, c));
      }
    }
    if (p.published() != null) {
      Dom.addText(e, "pubDate", NONE, Times.formatRfc822(p.published()));
    }
    if (p.updated() != null) {
      Dom.addText(e, "updated", ATOM, Times.format(p.updated()));
    }
    writeSummary(e, p.summary());
    writeContent(e, p.content());
    Dom.add(e, SxElements.writeSync(item.sync(), this));
    if (p.file() != null) {
      Dom.add(e, FmElements.writeFile(p.file()));
    }
    for (Payload.Foreign f : p.foreign()) {
      Dom.add(e, AtomParts.foreignElement(f));
    }
    return e;
  }

  private static void writeTitle(Element e, Payload.Text title) {
    if (title == null) {
      return;
    }
    Dom.addText(e, "title", NONE, title.value());
    if (!title.type().equals("text")) {
      Dom.add(e, AtomParts.writeText("title", ATOM, title));
    }
  }

  private static void writeSummary(Element e, Payload.Text summary) {
    if (summary == null) {
      return;
    }
    boolean html = summary.type().equals("html");
    Dom.addText(e, "description", NONE, summary.type().equals("text") ? escapeHtml(summary.value()) : summary.value());
    if (!html) {
      Dom.add(e, AtomParts.writeText("summary", ATOM, summary));
    }
  }

  private static void writeContent(Element e, Payload.Content content) {
    if (content == null) {
      return;
    }
    if (content.src() == null && content.type().equals("html")) {
      Dom.addText(e, "encoded", Dom.CONTENT, content.value());
    } else {
      Dom.add(e, AtomParts.writeContent(ATOM, content));
    }
  }

  /** Writes a link as RSS {@code link} or {@code enclosure} when exact, else as {@code atom:link}. */
  private static boolean writeLink(Element e, Payload.Link l, boolean rssLinkWritten) {
    boolean plain = l.type() == null && l.title() == null && l.length() == null;
    if (!rssLinkWritten && plain && l.rel().equals("alternate")) {
      Dom.addText(e, "link", NONE, l.href().toString());
      return true;
    }
    if (l.rel().equals("enclosure") && l.title() == null && l.type() != null && l.length() != null) {
      Element enc = Dom.element("enclosure", NONE);
      Dom.attribute(enc, "url", l.href().toString());
      Dom.attribute(enc, "length", l.length().toString());
      Dom.attribute(enc, "type", l.type());
      Dom.add(e, enc);
    } else {
      Dom.add(e, AtomParts.writeLink(ATOM, l));
    }
    return false;
  }

  @Override
  public boolean isHeadElement(String namespace, String localName) {
    if (namespace == null || namespace.isEmpty()) {
      return localName.equals("title") || localName.equals("link") || localName.equals("lastBuildDate");
    }
    if (FeedNamespaces.ATOM.equals(namespace)) {
      return localName.equals("link");
    }
    return FeedNamespaces.SX.equals(namespace)
        && (localName.equals("sharing") || localName.equals("unpublished"));
  }

  @Override
  public FeedHead readHead(List<Element> elements) {
    String id = null;
    String title = null;
    Instant updated = null;
    List<Payload.Link> links = new ArrayList<>();
    Sharing sharing = null;
    boolean unpublished = false;
    for (Element e : elements) {
      if (SxElements.isSharing(e)) {
        sharing = sharing == null ? SxElements.readSharing(e) : sharing;
      } else if (SxElements.isUnpublished(e)) {
        unpublished = true;
      } else if (e.getNamespaceURI().equals(FeedNamespaces.ATOM)) {
        AtomElements.addIfMapped(links, AtomParts.readLink(e));
      } else {
        switch (e.getName()) {
          case "title" -> title = title == null ? e.getText() : title;
          case "link" -> id = id == null ? emptyToNull(e.getText().strip()) : id;
          case "lastBuildDate" -> updated = updated == null ? Times.parseRfc822OrNull(e.getText()) : updated;
          default -> { }
        }
      }
    }
    return new FeedHead(id, title, updated, links, sharing, unpublished);
  }

  @Override
  public List<Element> writeHead(FeedHead head) {
    List<Element> out = new ArrayList<>();
    out.add(textElement("title", head.title()));
    out.add(textElement("link", head.id() == null ? "" : head.id()));
    out.add(textElement("description", head.title().isEmpty() ? "FeedSync feed" : head.title()));
    if (head.updated() != null) {
      out.add(textElement("lastBuildDate", Times.formatRfc822(head.updated())));
    }
    for (Payload.Link l : head.links()) {
      out.add(AtomParts.writeLink(ATOM, l));
    }
    AtomElements.writeSyncHead(head, out);
    return out;
  }

  private static Element textElement(String name, String text) {
    Element e = Dom.element(name, NONE);
    Dom.setText(e, text);
    return e;
  }

  private static Payload.Text plain(Element e, String type) {
    return Dom.isPlain(e) ? new Payload.Text(type, e.getText()) : null;
  }

  private static Payload.Content encoded(Element e) {
    return Dom.isPlain(e)
        ? new Payload.Content("html", e.getText(), null) : null;
  }

  private static Payload.Link link(Element e) {
    if (!Dom.isPlain(e)) {
      return null;
    }
    URI uri = AtomParts.uri(e.getText());
    return uri == null ? null : new Payload.Link(uri, "alternate", null, null, null);
  }

  private static Payload.Link enclosure(Element e) {
    if (!onlyAttribute(e, "url", "length", "type") || !e.getContent().isEmpty()) {
      return null;
    }
    String url = e.getAttributeValue("url");
    String length = e.getAttributeValue("length");
    URI uri = url == null ? null : AtomParts.uri(url);
    if (uri == null || length != null && (length.isEmpty() || length.length() > 18
        || !length.chars().allMatch(ch -> ch >= '0' && ch <= '9'))) {
      return null;
    }
    return new Payload.Link(uri, "enclosure", e.getAttributeValue("type"), null,
        length == null ? null : Long.parseLong(length));
  }

  private static Payload.Person author(Element e) {
    return Dom.isPlain(e) ? author(e.getText()) : null;
  }

  /** RSS author: {@code email} or {@code email (name)}; any other text is taken as a name. */
  static Payload.Person author(String text) {
    Matcher m = AUTHOR.matcher(text);
    if (m.matches()) {
      return new Payload.Person(m.group(2), m.group(1), null);
    }
    return text.isEmpty() ? null : new Payload.Person(text, null, null);
  }

  private static Payload.Category category(Element e) {
    if (!onlyAttribute(e, "domain") || Dom.hasChildElements(e)) {
      return null;
    }
    return new Payload.Category(e.getText(), e.getAttributeValue("domain"), null);
  }

  private static Instant rfc822(Element e) {
    return Dom.isPlain(e) ? Times.parseRfc822OrNull(e.getText()) : null;
  }

  private static boolean onlyAttribute(Element e, String... names) {
    return e.getAttributes().stream().allMatch(
        a -> a.getNamespaceURI().isEmpty() && List.of(names).contains(a.getName()));
  }

  static String escapeHtml(String text) {
    StringBuilder b = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  private static String emptyToNull(String s) {
    return s.isEmpty() ? null : s;
  }

  /** Reading state of one RSS item: the RSS and Atom forms of parts that may come in both. */
  private static final class RssParts {
    final PayloadParts p = new PayloadParts();
    Payload.Text title;
    Payload.Text atomTitle;
    Payload.Text description;
    Payload.Text atomSummary;
    Payload.Content encoded;
    Payload.Content atomContent;
    int link;

    Entry build() {
      p.title = atomTitle != null ? atomTitle : title;
      p.summary = atomSummary != null ? atomSummary : description;
      p.content = atomContent != null ? atomContent : encoded;
      return p.build();
    }
  }
}
