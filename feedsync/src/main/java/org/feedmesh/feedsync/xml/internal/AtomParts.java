package org.feedmesh.feedsync.xml.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Set;
import org.feedmesh.feedsync.Payload;
import org.feedmesh.feedsync.xml.FeedXmlException;
import org.jdom2.Attribute;
import org.jdom2.Element;
import org.jdom2.Namespace;

/**
 * Atom constructs (text, content, link, person, category) to and from the payload model. Used for
 * Atom entries, and for the {@code atom:} elements an RSS item carries where RSS has no exact
 * equivalent. Readers return null when an element holds more than the model can keep (an unknown
 * attribute such as {@code hreflang}, a malformed URI, mixed content): the caller then keeps the
 * element verbatim as a foreign element, so nothing is lost.
 */
public final class AtomParts {
  private static final Set<String> TEXT_TYPES = Set.of("text", "html", "xhtml");

  private AtomParts() {}

  public static Payload.Text readText(Element e) {
    if (!onlyAttributes(e, "type")) {
      return null;
    }
    String type = orDefault(e.getAttributeValue("type"), "text");
    if (!TEXT_TYPES.contains(type)) {
      return null;
    }
    String value = type.equals("xhtml") ? markup(e) : plain(e);
    return value == null ? null : new Payload.Text(type, value);
  }

  public static Element writeText(String name, Namespace ns, Payload.Text text) {
    Element e = Dom.element(name, ns);
    if (!text.type().equals("text")) {
      Dom.attribute(e, "type", text.type());
    }
    writeValue(e, text.type().equals("xhtml"), text.value());
    return e;
  }

  public static Payload.Content readContent(Element e) {
    if (!onlyAttributes(e, "type", "src")) {
      return null;
    }
    String type = orDefault(e.getAttributeValue("type"), "text");
    String src = e.getAttributeValue("src");
    if (src != null) {
      URI uri = uri(src);
      return uri == null || !e.getContent().isEmpty() ? null : new Payload.Content(type, null, uri);
    }
    String value = isXml(type) ? markup(e) : plain(e);
    return value == null ? null : new Payload.Content(type, value, null);
  }

  public static Element writeContent(Namespace ns, Payload.Content content) {
    Element e = Dom.element("content", ns);
    if (!content.type().equals("text")) {
      Dom.attribute(e, "type", content.type());
    }
    if (content.src() != null) {
      Dom.attribute(e, "src", content.src().toString());
    } else {
      writeValue(e, isXml(content.type()), content.value());
    }
    return e;
  }

  public static Payload.Link readLink(Element e) {
    if (!onlyAttributes(e, "href", "rel", "type", "title", "length") || !e.getContent().isEmpty()) {
      return null;
    }
    String href = e.getAttributeValue("href");
    URI uri = href == null ? null : uri(href);
    if (uri == null) {
      return null;
    }
    String length = e.getAttributeValue("length");
    Long bytes = null;
    if (length != null) {
      if (length.isEmpty() || length.length() > 18 || !length.chars().allMatch(Character::isDigit)) {
        return null;
      }
      bytes = Long.parseLong(length);
    }
    return new Payload.Link(uri, e.getAttributeValue("rel"), e.getAttributeValue("type"),
        e.getAttributeValue("title"), bytes);
  }

  public static Element writeLink(Namespace ns, Payload.Link link) {
    Element e = Dom.element("link", ns);
    Dom.attribute(e, "href", link.href().toString());
    Dom.attribute(e, "rel", link.rel());
    Dom.attribute(e, "type", link.type());
    Dom.attribute(e, "title", link.title());
    Dom.attribute(e, "length", link.length() == null ? null : link.length().toString());
    return e;
  }

  public static Payload.Person readPerson(Element e) {
    if (e.hasAttributes()) {
      return null;
    }
    String name = null;
    String email = null;
    URI uri = null;
    for (Element c : Dom.children(e)) {
      if (!c.getNamespaceURI().equals(e.getNamespaceURI()) || c.hasAttributes()
          || Dom.hasChildElements(c)) {
        return null;
      }
      String text = c.getText();
      switch (c.getName()) {
        case "name" -> {
          if (name != null) {
            return null;
          }
          name = text;
        }
        case "email" -> {
          if (email != null) {
            return null;
          }
          email = text;
        }
        case "uri" -> {
          if (uri != null || (uri = uri(text)) == null) {
            return null;
          }
        }
        default -> {
          return null;
        }
      }
    }
    return name == null && email == null ? null : new Payload.Person(name, email, uri);
  }

  public static Element writePerson(String name, Namespace ns, Payload.Person person) {
    Element e = Dom.element(name, ns);
    Dom.addText(e, "name", ns, person.name());
    Dom.addText(e, "email", ns, person.email());
    Dom.addText(e, "uri", ns, person.uri() == null ? null : person.uri().toString());
    return e;
  }

  public static Payload.Category readCategory(Element e) {
    if (!onlyAttributes(e, "term", "scheme", "label") || !e.getContent().isEmpty()) {
      return null;
    }
    String term = e.getAttributeValue("term");
    return term == null ? null
        : new Payload.Category(term, e.getAttributeValue("scheme"), e.getAttributeValue("label"));
  }

  public static Element writeCategory(Namespace ns, Payload.Category category) {
    Element e = Dom.element("category", ns);
    Dom.attribute(e, "term", category.term());
    Dom.attribute(e, "scheme", category.scheme());
    Dom.attribute(e, "label", category.label());
    return e;
  }

  /** An element kept as is. */
  public static Payload.Foreign foreign(Element e) {
    return new Payload.Foreign(e.getNamespaceURI(), e.getName(), Dom.serialize(e));
  }

  /** A kept element back as a tree, to be written where it came from. */
  public static Element foreignElement(Payload.Foreign foreign) {
    try {
      return XmlSource.parseElement(foreign.xml());
    } catch (FeedXmlException e) {
      throw new IllegalArgumentException("foreign element <" + foreign.localName()
          + "> is not a well-formed XML element: " + e.getMessage(), e);
    }
  }

  static URI uri(String text) {
    try {
      return new URI(text.strip());
    } catch (URISyntaxException e) {
      return null;
    }
  }

  private static boolean isXml(String type) {
    return type.equals("xhtml") || type.endsWith("+xml") || type.endsWith("/xml");
  }

  /** Plain text content; null when the element has child elements. */
  private static String plain(Element e) {
    return !Dom.hasChildElements(e) ? e.getText() : null;
  }

  /**
   * Markup content (xhtml, XML media types): the one child element, serialized; the text when
   * there is no child element (which is how a value that is not markup is written); null when
   * there are several elements or text around the element.
   */
  private static String markup(Element e) {
    List<Element> children = Dom.children(e);
    if (children.isEmpty()) {
      return e.getText();
    }
    if (children.size() > 1 || !e.getTextTrim().isEmpty()) {
      return null;
    }
    return Dom.serialize(children.get(0));
  }

  private static void writeValue(Element e, boolean markup, String value) {
    Element tree = markup ? tryParse(value) : null;
    if (tree != null) {
      Dom.add(e, tree);
    } else {
      Dom.setText(e, value);
    }
  }

  private static Element tryParse(String value) {
    if (value.isEmpty() || value.charAt(0) != '<') {
      return null;
    }
    try {
      return XmlSource.parseElement(value);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static boolean onlyAttributes(Element e, String... allowed) {
    for (Attribute a : e.getAttributes()) {
      if (!a.getNamespaceURI().isEmpty() || !List.of(allowed).contains(a.getName())) {
        return false;
      }
    }
    return true;
  }

  private static String orDefault(String value, String fallback) {
    return value == null ? fallback : value;
  }
}
