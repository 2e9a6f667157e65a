package org.feedmesh.feedsync.xml.internal;

import java.io.IOException;
import java.io.Writer;
import java.util.Arrays;
import java.util.Comparator;
import org.jdom2.Element;
import org.jdom2.Namespace;
import org.jdom2.output.Format;
import org.jdom2.output.LineSeparator;
import org.jdom2.output.support.AbstractXMLOutputProcessor;
import org.jdom2.output.support.FormatStack;
import org.jdom2.util.NamespaceStack;

/**
 * Writes one JDOM element (an item, a head element) into a document whose root already declares
 * some namespaces, so that each item does not repeat {@code xmlns} declarations the root made.
 * JDOM escapes markup characters in text and attribute values (and tab, CR and LF in attributes)
 * so that they read back exactly; every other character, astral ones included, is written as
 * UTF-8 rather than as a character reference.
 */
public final class ElementOutput extends AbstractXMLOutputProcessor {
  private final Format format;
  private final Namespace[] inScope;

  /**
   * {@code inScope}: the namespaces the enclosing root element declares, its default namespace
   * first ({@link Namespace#NO_NAMESPACE} when it has none).
   */
  public ElementOutput(Namespace defaultNamespace, Namespace... prefixed) {
    this.format = Format.getRawFormat().setEncoding("UTF-8").setLineSeparator(LineSeparator.NONE)
        .setEscapeStrategy(ch -> false);
    // JDOM's NamespaceStack wants its seed as: the primary namespace, then the others sorted by
    // prefix, "xml" among them; it compares namespaces by identity (JDOM interns them).
    Namespace[] others = Arrays.copyOf(prefixed, prefixed.length + 1);
    others[prefixed.length] = Namespace.XML_NAMESPACE;
    Arrays.sort(others, Comparator.comparing(Namespace::getPrefix));
    this.inScope = new Namespace[others.length + 1];
    this.inScope[0] = defaultNamespace;
    System.arraycopy(others, 0, this.inScope, 1, others.length);
  }

  public void write(Writer out, Element element) throws IOException {
    printElement(out, new FormatStack(format), new NamespaceStack(inScope), element);
  }
}
