package org.feedmesh.feedsync.xml.internal;

import java.util.ArrayList;
import java.util.List;
import org.feedmesh.feedsync.xml.FeedNamespaces;
import org.jdom2.Element;
import org.jdom2.JDOMFactory;
import org.jdom2.Namespace;
import org.jdom2.UncheckedJDOMFactory;

/**
 * Small JDOM helpers shared by the element mappings. Elements are made with JDOM's unchecked
 * factory (our names are constants), but every value that comes from the model is checked to be
 * XML character data before it goes into a tree, so a value that XML 1.0 cannot carry (U+FFFF, a
 * lone surrogate, most control characters) is refused with a clear message instead of producing a
 * document nobody can read.
 */
public final class Dom {
  public static final Namespace SX = Namespace.getNamespace("sx", FeedNamespaces.SX);
  public static final Namespace FM = Namespace.getNamespace("fm", FeedNamespaces.FM);
  public static final Namespace ATOM = Namespace.getNamespace(FeedNamespaces.ATOM);
  public static final Namespace ATOM_PREFIXED = Namespace.getNamespace("atom", FeedNamespaces.ATOM);
  public static final Namespace CONTENT = Namespace.getNamespace("content", FeedNamespaces.CONTENT);

  private static final JDOMFactory JDOM = new UncheckedJDOMFactory();

  private Dom() {}

  public static Element element(String name, Namespace ns) {
    return JDOM.element(name, ns);
  }

  /** A child element with text content, added to {@code parent}; nothing when {@code text} is null. */
  public static Element addText(Element parent, String name, Namespace ns, String text) {
    if (text == null) {
      return null;
    }
    Element e = JDOM.element(name, ns);
    setText(e, text);
    JDOM.addContent(parent, e);
    return e;
  }

  public static void setText(Element e, String text) {
    if (!text.isEmpty()) {
      JDOM.addContent(e, JDOM.text(checked(e.getName(), text)));
    }
  }

  /** Sets a no-namespace attribute; nothing when {@code value} is null. */
  public static void attribute(Element e, String name, String value) {
    if (value != null) {
      JDOM.setAttribute(e, JDOM.attribute(name, checked(e.getName() + "/@" + name, value)));
    }
  }

  public static void add(Element parent, Element child) {
    JDOM.addContent(parent, child);
  }

  public static boolean is(Element e, Namespace ns, String name) {
    return name.equals(e.getName()) && ns.getURI().equals(e.getNamespaceURI());
  }

  /**
   * The child elements, in order. Cheaper than JDOM's live {@code getChildren()} view, which
   * re-synchronizes on every access; this is on the path of every item read.
   */
  public static List<Element> children(Element e) {
    List<org.jdom2.Content> content = e.getContent();
    List<Element> out = new ArrayList<>(content.size());
    for (org.jdom2.Content c : content) {
      if (c instanceof Element child) {
        out.add(child);
      }
    }
    return out;
  }

  /** No attributes and no child elements: an element holding text only (or nothing). */
  public static boolean isPlain(Element e) {
    return !e.hasAttributes() && !hasChildElements(e);
  }

  public static boolean hasChildElements(Element e) {
    for (org.jdom2.Content c : e.getContent()) {
      if (c instanceof Element) {
        return true;
      }
    }
    return false;
  }

  /** An element and its descendants as a self-contained string, namespace declarations included. */
  public static String serialize(Element e) {
    return ElementOutput.standalone().toString(e);
  }

  /** {@code value} if every character is one XML 1.0 allows, else a refusal naming the first. */
  static String checked(String where, String value) {
    int n = value.length();
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      if (c >= 0x20 && c < 0xd800 || c == '\n' || c == '\t' || c == '\r' || c >= 0xe000 && c <= 0xfffd) {
        continue;
      }
      if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
        continue;
      }
      throw new IllegalArgumentException(where + " cannot be written in XML 1.0: it contains U+"
          + String.format("%04X", (int) c) + " at index " + i);
    }
    return value;
  }
}
