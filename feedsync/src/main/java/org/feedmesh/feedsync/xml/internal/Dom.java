package org.feedmesh.feedsync.xml.internal;

import java.util.List;
import org.feedmesh.feedsync.xml.FeedNamespaces;
import org.jdom2.Element;
import org.jdom2.JDOMFactory;
import org.jdom2.Namespace;
import org.jdom2.UncheckedJDOMFactory;
import org.jdom2.Verifier;
import org.jdom2.output.Format;
import org.jdom2.output.XMLOutputter;

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
  private static final Format RAW = Format.getRawFormat().setEscapeStrategy(ch -> false);

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

  public static List<Element> children(Element e) {
    return e.getChildren();
  }

  /** The text of a child, or null when there is no such child. */
  public static String childText(Element parent, String name, Namespace ns) {
    Element c = parent.getChild(name, ns);
    return c == null ? null : c.getText();
  }

  /** An element and its descendants as a self-contained string, namespace declarations included. */
  public static String serialize(Element e) {
    return new XMLOutputter(RAW).outputString(e);
  }

  static String checked(String where, String value) {
    String problem = Verifier.checkCharacterData(value);
    if (problem != null) {
      throw new IllegalArgumentException(where + " cannot be written in XML 1.0: " + problem);
    }
    return value;
  }
}
