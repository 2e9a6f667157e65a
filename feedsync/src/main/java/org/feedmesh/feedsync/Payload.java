package org.feedmesh.feedsync;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.feedmesh.feedsync.fm.FileMeta;

/**
 * Everything an item carries besides {@code sx:sync}, in a form that is neither Atom nor RSS so one
 * stored item can be served as both: the entry's own id, title, summary, content, links, authors,
 * categories and dates, FeedMesh's {@code fm:file} metadata when the item is a file, and every other
 * extension element kept verbatim as {@link Foreign} XML.
 *
 * <p>Every part is optional; {@link #EMPTY} is the payload of a stripped tombstone.
 */
public record Payload(
    String entryId,
    Text title,
    Text summary,
    Content content,
    List<Link> links,
    List<Person> authors,
    List<Category> categories,
    Instant published,
    Instant updated,
    FileMeta file,
    List<Foreign> foreign) {

  public static final Payload EMPTY =
      new Payload(null, null, null, null, List.of(), List.of(), List.of(), null, null, null, List.of());

  public Payload {
    links = links == null ? List.of() : List.copyOf(links);
    authors = authors == null ? List.of() : List.copyOf(authors);
    categories = categories == null ? List.of() : List.copyOf(categories);
    foreign = foreign == null ? List.of() : List.copyOf(foreign);
    published = Rfc3339.normalize(published);
    updated = Rfc3339.normalize(updated);
  }

  /** A payload that only describes a file. */
  public static Payload ofFile(FileMeta file) {
    Objects.requireNonNull(file, "file");
    return EMPTY.withFile(file).withTitle(Text.plain(file.path()));
  }

  public boolean isEmpty() {
    return equals(EMPTY);
  }

  public Payload withFile(FileMeta f) {
    return new Payload(entryId, title, summary, content, links, authors, categories, published,
        updated, f, foreign);
  }

  public Payload withTitle(Text t) {
    return new Payload(entryId, t, summary, content, links, authors, categories, published,
        updated, file, foreign);
  }

  public Payload withContent(Content c) {
    return new Payload(entryId, title, summary, c, links, authors, categories, published,
        updated, file, foreign);
  }

  public Payload withEntryId(String id) {
    return new Payload(id, title, summary, content, links, authors, categories, published,
        updated, file, foreign);
  }

  public Payload withUpdated(Instant when) {
    return new Payload(entryId, title, summary, content, links, authors, categories, published,
        when, file, foreign);
  }

  /** An Atom text construct (also RSS title/description): {@code text}, {@code html} or {@code xhtml}. */
  public record Text(String type, String value) {
    public Text {
      type = type == null ? "text" : type;
      if (!type.equals("text") && !type.equals("html") && !type.equals("xhtml")) {
        throw new InvalidFeedSyncException("a text construct's type must be text, html or xhtml, got "
            + Nss.quote(type));
      }
      Objects.requireNonNull(value, "value");
    }

    public static Text plain(String value) {
      return new Text("text", value);
    }
  }

  /**
   * Atom content: inline {@code value} of a type (text, html, xhtml or a MIME type), or out of line
   * at {@code src}.
   */
  public record Content(String type, String value, URI src) {
    public Content {
      type = type == null ? "text" : type;
      if (value == null && src == null) {
        throw new InvalidFeedSyncException("content needs a value or a src");
      }
    }
  }

  public record Link(URI href, String rel, String type, String title, Long length) {
    public Link {
      Objects.requireNonNull(href, "href");
      rel = rel == null ? "alternate" : rel;
    }
  }

  public record Person(String name, String email, URI uri) {
    public Person {
      if (name == null && email == null) {
        throw new InvalidFeedSyncException("an author needs a name or an email");
      }
    }
  }

  public record Category(String term, String scheme, String label) {
    public Category {
      Objects.requireNonNull(term, "term");
    }
  }

  /**
   * An extension element we do not model, kept as a self-contained XML fragment (its namespace
   * declarations included) so that it is written back exactly as it came.
   */
  public record Foreign(String namespace, String localName, String xml) {
    public Foreign {
      Objects.requireNonNull(localName, "localName");
      Objects.requireNonNull(xml, "xml");
    }
  }
}
