package org.feedmesh.feedsync.xml;

/** The XML namespaces of sync feeds, and the prefixes FeedMesh writes for them. */
public final class FeedNamespaces {
  /** FeedSync 1.0.1, prefix {@code sx}. */
  public static final String SX = "http://feedsync.org/2007/feedsync";

  /** FeedMesh's file metadata extension, prefix {@code fm} (layout in {@code package-info}). */
  public static final String FM = "https://feedmesh.org/ns/fm/1";

  /** Atom 1.0 (RFC 4287); the default namespace of Atom documents, prefix {@code atom} in RSS. */
  public static final String ATOM = "http://www.w3.org/2005/Atom";

  /** RSS 1.0 content module, for {@code content:encoded} in RSS items. */
  public static final String CONTENT = "http://purl.org/rss/1.0/modules/content/";

  /** XHTML, the namespace of the {@code div} inside Atom {@code type="xhtml"} text. */
  public static final String XHTML = "http://www.w3.org/1999/xhtml";

  private FeedNamespaces() {}
}
