package org.feedmesh.feedsync.xml;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.feedmesh.feedsync.History;
import org.feedmesh.feedsync.Item;
import org.feedmesh.feedsync.Payload;
import org.feedmesh.feedsync.Sync;
import org.feedmesh.feedsync.fm.Block;
import org.feedmesh.feedsync.fm.FileKind;
import org.feedmesh.feedsync.fm.FileMeta;
import org.feedmesh.feedsync.xml.internal.Dom;
import org.feedmesh.feedsync.xml.internal.XmlSource;
import org.jdom2.Element;
import org.jdom2.Namespace;

/** Random valid items for property tests: every part of the model, any XML-legal text. */
final class RandomItems {
  private RandomItems() {}

  /** Code points XML 1.0 allows, weighted towards ASCII, with line breaks, BMP and astral ones. */
  static Arbitrary<String> text() {
    Arbitrary<Integer> cp = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(20, Arbitraries.integers().between(0x20, 0x7e)),
        net.jqwik.api.Tuple.of(2, Arbitraries.of(0x9, 0xa, 0xd)),
        net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(0xa0, 0x24f)),
        net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0x4e00, 0x4e40)),
        net.jqwik.api.Tuple.of(1, Arbitraries.of(0xe000, 0xfffd, 0xfeff, 0x2028)),
        net.jqwik.api.Tuple.of(3, Arbitraries.of(0x1f600, 0x1d11e, 0x10000, 0x10ffff, 0x1f3b5)));
    return cp.list().ofMaxSize(24).map(list -> {
      StringBuilder b = new StringBuilder();
      list.forEach(b::appendCodePoint);
      return b.toString();
    });
  }

  static Arbitrary<String> nss() {
    Arbitrary<String> plain = Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z')
        .withCharRange('0', '9').withChars("()+,-.:=@;$_!*'/?#").ofMinLength(1).ofMaxLength(16);
    return Arbitraries.oneOf(plain, plain.map(s -> s + "%F0%9D%84%9E"));
  }

  static Arbitrary<Instant> instant() {
    return Arbitraries.longs().between(0, 4_102_444_800L).map(Instant::ofEpochSecond);
  }

  static Arbitrary<History> history() {
    Arbitrary<Integer> sequence = Arbitraries.oneOf(Arbitraries.integers().between(1, 50),
        Arbitraries.just(Integer.MAX_VALUE));
    return Combinators.combine(sequence, instant().injectNull(0.3), nss().injectNull(0.3))
        .filter((s, w, b) -> w != null || b != null)
        .as(History::new);
  }

  static Arbitrary<Payload.Text> textConstruct() {
    Arbitrary<Payload.Text> plain = Combinators.combine(Arbitraries.of("text", "html"), text()).as(Payload.Text::new);
    return Arbitraries.oneOf(plain, xhtml().map(v -> new Payload.Text("xhtml", v)));
  }

  /** An XHTML div as the reader gives it back: serialized by the same serializer. */
  static Arbitrary<String> xhtml() {
    return text().map(t -> {
      Element div = new Element("div", Namespace.getNamespace(FeedNamespaces.XHTML));
      div.addContent(new Element("p", Namespace.getNamespace(FeedNamespaces.XHTML)).setText(t));
      return canonical(div);
    });
  }

  /** How the reader gives an element back (e.g. an empty element as {@code <a />}). */
  static String canonical(Element e) {
    return Dom.serialize(XmlSource.parseElement(Dom.serialize(e)));
  }

  static Arbitrary<URI> uri() {
    return Combinators.combine(Arbitraries.of("https://a.example.test/", "urn:x:", "tag:b.test,2026:"),
        Arbitraries.strings().alpha().numeric().ofMaxLength(10)).as((a, b) -> URI.create(a + b));
  }

  static Arbitrary<Payload.Content> content() {
    Arbitrary<Payload.Content> inline = Combinators.combine(
        Arbitraries.of("text", "html", "text/plain", "application/json", "application/xml"), text())
        .as((type, value) -> new Payload.Content(type, value, null));
    Arbitrary<Payload.Content> xhtml = xhtml().map(v -> new Payload.Content("xhtml", v, null));
    Arbitrary<Payload.Content> src = Combinators.combine(Arbitraries.of("text", "image/png"), uri())
        .as((type, u) -> new Payload.Content(type, null, u));
    return Arbitraries.oneOf(inline, xhtml, src);
  }

  static Arbitrary<Payload.Link> link() {
    return Combinators.combine(uri(),
        Arbitraries.of("alternate", "enclosure", "self", "related", "https://rel.example.test/x"),
        Arbitraries.of("text/html", "audio/mpeg").injectNull(0.5), text().injectNull(0.7),
        Arbitraries.longs().between(0, 1L << 40).injectNull(0.5))
        .as(Payload.Link::new);
  }

  static Arbitrary<Payload.Person> person() {
    Arbitrary<String> email = Arbitraries.oneOf(
        Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8).map(s -> s + "@example.test"), text());
    return Combinators.combine(text().injectNull(0.3), email.injectNull(0.4), uri().injectNull(0.7))
        .filter((n, e, u) -> n != null || e != null)
        .as(Payload.Person::new);
  }

  static Arbitrary<Payload.Category> category() {
    return Combinators.combine(text(), uri().map(URI::toString).injectNull(0.5), text().injectNull(0.6))
        .as(Payload.Category::new);
  }

  static Arbitrary<Payload.Foreign> foreign() {
    Arbitrary<Element> ext = Combinators.combine(text(), text()).as((attr, body) -> {
      Element e = new Element("note", Namespace.getNamespace("x", "urn:example:x"));
      e.setAttribute("a", attr);
      e.setText(body);
      return e;
    });
    Arbitrary<Element> atom = text().map(t -> new Element("rights", Namespace.getNamespace(FeedNamespaces.ATOM)).setText(t));
    return Arbitraries.oneOf(ext, atom)
        .map(e -> new Payload.Foreign(e.getNamespaceURI(), e.getName(), canonical(e)));
  }

  static Arbitrary<String> path() {
    Arbitrary<String> segment = Arbitraries.strings().alpha().numeric().withChars(" -_()éü中𝄞".toCharArray())
        .ofMinLength(1).ofMaxLength(12)
        .filter(s -> !s.equals(".") && !s.equals("..") && !Character.isSurrogate(s.charAt(s.length() - 1))
            && !Character.isSurrogate(s.charAt(0)) && validSurrogates(s));
    return segment.list().ofMinSize(1).ofMaxSize(4).map(l -> String.join("/", l));
  }

  private static boolean validSurrogates(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  static Arbitrary<FileMeta> file() {
    Arbitrary<String> hash = Arbitraries.strings().withChars("0123456789abcdef").ofLength(64);
    Arbitrary<List<Integer>> sizes = Arbitraries.integers().between(1, Block.MAX_SIZE).list().ofMaxSize(4);
    Arbitrary<FileMeta> file = Combinators.combine(path(), sizes, instant().injectNull(0.2),
        Arbitraries.integers().between(0, 07777), hash, hash.list().ofSize(4))
        .as((p, s, t, mode, blob, hashes) -> {
          List<Block> blocks = new ArrayList<>();
          long offset = 0;
          for (int i = 0; i < s.size(); i++) {
            blocks.add(new Block(offset, s.get(i), hashes.get(i)));
            offset += s.get(i);
          }
          return new FileMeta(p, FileKind.FILE, offset, t, mode, blob, blocks, null);
        });
    Arbitrary<FileMeta> dir = Combinators.combine(path(), instant().injectNull(0.2),
        Arbitraries.integers().between(0, 07777)).as(FileMeta::dir);
    Arbitrary<FileMeta> link = Combinators.combine(path(), instant().injectNull(0.2), text().filter(t -> !t.isEmpty()))
        .as(FileMeta::symlink);
    return Arbitraries.oneOf(file, dir, link);
  }

  static Arbitrary<Payload> payload() {
    Arbitrary<Payload> words = Combinators.combine(
        nss().injectNull(0.3), textConstruct().injectNull(0.2), textConstruct().injectNull(0.5),
        content().injectNull(0.5), link().list().ofMaxSize(3), person().list().ofMaxSize(2),
        category().list().ofMaxSize(2), instant().injectNull(0.5))
        .as((id, title, summary, content, links, authors, categories, published) ->
            new Payload(id, title, summary, content, links, authors, categories, published, null, null, List.of()));
    return Combinators.combine(words, instant().injectNull(0.5), file().injectNull(0.4),
        foreign().list().ofMaxSize(2))
        .as((p, updated, file, foreign) -> new Payload(p.entryId(), p.title(), p.summary(), p.content(),
            p.links(), p.authors(), p.categories(), p.published(), updated, file, foreign));
  }

  /** One version, without conflicts, under a placeholder id. */
  static Arbitrary<Item> version() {
    return Combinators.combine(Arbitraries.integers().between(1, Integer.MAX_VALUE), Arbitraries.of(true, false),
        history().list().ofMinSize(1).ofMaxSize(4), payload())
        .as((updates, deleted, history, payload) ->
            new Item(new Sync("v", updates, deleted, false, history, List.of()), payload));
  }

  static Arbitrary<Item> item() {
    return Combinators.combine(nss(), version(), version().list().ofMaxSize(2), Arbitraries.of(true, false))
        .as((id, top, conflicts, noConflicts) -> {
          List<Item> renamed = conflicts.stream().map(c -> withId(c, id, false, List.of())).toList();
          return withId(top, id, noConflicts && renamed.isEmpty(), renamed);
        });
  }

  private static Item withId(Item v, String id, boolean noConflicts, List<Item> conflicts) {
    Sync s = v.sync();
    return v.withSync(new Sync(id, s.updates(), s.deleted(), noConflicts, s.history(), conflicts));
  }
}
