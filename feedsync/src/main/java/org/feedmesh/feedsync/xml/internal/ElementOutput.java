package org.feedmesh.feedsync.xml.internal;

import java.io.IOException;
import java.io.Writer;
import org.jdom2.Attribute;
import org.jdom2.Content;
import org.jdom2.Element;
import org.jdom2.Namespace;
import org.jdom2.Text;

/**
 * Serializes one JDOM element (an item, a head element, a foreign element) into a document whose
 * root already binds some namespace prefixes, declaring only what is not bound yet. The whole
 * element is built in a reused buffer and handed to the writer in one call, which is both faster
 * than many small writes and means a failure never leaves half an item in the output.
 *
 * <p>Escaping: {@code & < >} in text and attributes, {@code "} and tab, LF, CR in attributes, CR in
 * text, so that everything reads back exactly; every other character, astral ones included, is
 * written as is (the writer encodes UTF-8). Empty elements are written {@code <a />}. Comments and
 * processing instructions never occur in our trees (the reader drops them). Not thread-safe.
 */
public final class ElementOutput {
  private static final Binding XML = new Binding("xml", Namespace.XML_NAMESPACE.getURI(), null);
  private static final boolean[] SPECIAL = new boolean['>' + 1];

  static {
    for (char c : "&<>\"\r\n\t".toCharArray()) {
      SPECIAL[c] = true;
    }
  }

  private final Binding root;
  private final StringBuilder buffer = new StringBuilder(2048);
  private char[] chars = new char[0];

  /**
   * {@code rootDefault}: the default namespace the root declares ({@link Namespace#NO_NAMESPACE}
   * for none); {@code rootPrefixed}: the prefixed ones it declares.
   */
  public ElementOutput(Namespace rootDefault, Namespace... rootPrefixed) {
    Binding b = new Binding("", rootDefault.getURI(), XML);
    for (Namespace ns : rootPrefixed) {
      b = new Binding(ns.getPrefix(), ns.getURI(), b);
    }
    this.root = b;
  }

  /** An output for a self-contained element: declares every namespace it uses. */
  public static ElementOutput standalone() {
    return new ElementOutput(Namespace.NO_NAMESPACE);
  }

  public void write(Writer out, Element element) throws IOException {
    buffer.setLength(0);
    element(element, root);
    int n = buffer.length();
    if (chars.length < n) {
      chars = new char[Math.max(n, chars.length * 2)];
    }
    buffer.getChars(0, n, chars, 0);
    out.write(chars, 0, n);
  }

  public String toString(Element element) {
    buffer.setLength(0);
    element(element, root);
    return buffer.toString();
  }

  private void element(Element e, Binding scope) {
    StringBuilder b = buffer;
    String qname = e.getQualifiedName();
    b.append('<').append(qname);
    Binding inner = declare(e.getNamespace(), scope);
    if (e.hasAdditionalNamespaces()) {
      for (Namespace ns : e.getAdditionalNamespaces()) {
        inner = declare(ns, inner);
      }
    }
    if (e.hasAttributes()) {
      for (Attribute a : e.getAttributes()) {
        if (!a.getNamespaceURI().isEmpty()) {
          inner = declare(a.getNamespace(), inner);
        }
      }
      for (Attribute a : e.getAttributes()) {
        b.append(' ').append(a.getQualifiedName()).append("=\"");
        escape(a.getValue(), true);
        b.append('"');
      }
    }
    if (e.getContentSize() == 0) {
      b.append(" />");
      return;
    }
    b.append('>');
    for (Content c : e.getContent()) {
      if (c instanceof Element child) {
        element(child, inner);
      } else if (c instanceof Text text) {
        escape(text.getText(), false);
      }
    }
    b.append("</").append(qname).append('>');
  }

  /** Binds {@code ns} in {@code scope} (writing the declaration) unless it is bound already. */
  private Binding declare(Namespace ns, Binding scope) {
    String prefix = ns.getPrefix();
    String uri = ns.getURI();
    String bound = scope.lookup(prefix);
    if (uri.equals(bound) || prefix.equals("xml") || bound == null && uri.isEmpty()) {
      return scope;
    }
    buffer.append(prefix.isEmpty() ? " xmlns" : " xmlns:").append(prefix).append("=\"");
    escape(uri, true);
    buffer.append('"');
    return new Binding(prefix, uri, scope);
  }

  private void escape(String s, boolean attribute) {
    StringBuilder b = buffer;
    int start = 0;
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c > '>' || !SPECIAL[c]) {
        continue;
      }
      String replacement = switch (c) {
        case '&' -> "&amp;";
        case '<' -> "&lt;";
        case '>' -> "&gt;";
        case '\r' -> "&#xD;";
        case '"' -> attribute ? "&quot;" : null;
        case '\n' -> attribute ? "&#xA;" : null;
        case '\t' -> attribute ? "&#x9;" : null;
        default -> null;
      };
      if (replacement != null) {
        b.append(s, start, i).append(replacement);
        start = i + 1;
      }
    }
    b.append(s, start, n);
  }

  /** An immutable scope of prefix bindings, innermost first. */
  private record Binding(String prefix, String uri, Binding next) {
    String lookup(String p) {
      for (Binding b = this; b != null; b = b.next) {
        if (b.prefix.equals(p)) {
          return b.uri;
        }
      }
      return null;
    }
  }
}
