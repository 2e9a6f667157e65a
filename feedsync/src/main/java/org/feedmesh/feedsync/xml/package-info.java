/**
 * Reading and writing sync feeds, Atom 1.0 and RSS 2.0, as streams.
 *
 * <h2>Use</h2>
 *
 * <ul>
 *   <li>{@link org.feedmesh.feedsync.xml.FeedReader}: detects the format, reads the {@link
 *       org.feedmesh.feedsync.FeedHead}, then one {@link org.feedmesh.feedsync.Item} at a time.
 *   <li>{@link org.feedmesh.feedsync.xml.FeedWriter}: writes the head, then items as they come,
 *       then {@code finish()}.
 *   <li>{@link org.feedmesh.feedsync.xml.EntryXml}: one Atom entry document (AtomPub).
 *   <li>{@link org.feedmesh.feedsync.xml.FeedXml}: whole feeds in memory, for small ones.
 * </ul>
 *
 * <h2>Safety</h2>
 *
 * Parsing uses the JDK's StAX parser with DTDs, external entities and entity replacement off; a
 * {@code DOCTYPE} is refused before anything in it is used ({@link
 * org.feedmesh.feedsync.xml.UnsafeXmlException}), so XXE and entity expansion ("billion laughs")
 * cannot happen. Input is bounded by {@link org.feedmesh.feedsync.xml.XmlLimits} (document bytes,
 * bytes and elements per item, depth, attributes, conflicts; {@link
 * org.feedmesh.feedsync.xml.FeedTooLargeException}). Not well-formed or not a feed: {@link
 * org.feedmesh.feedsync.xml.MalformedFeedException} with line and column. An item that breaks a
 * FeedSync or {@code fm:} rule: {@link org.feedmesh.feedsync.InvalidFeedSyncException} naming the
 * item, its {@code sx:sync} id and line.
 *
 * <h2>Design: one small tree per item, one mapping</h2>
 *
 * The reader pulls StAX events and builds each item (and each head element) into a small JDOM
 * element, under the limits; the writer builds each item as a JDOM element and serializes it
 * (with {@code internal.ElementOutput}, one write per item) into the open document. Between element and model there is exactly one mapping ({@code
 * internal.AtomElements}, {@code internal.RssElements}, with {@code internal.SxElements} and
 * {@code internal.FmElements} for the extensions), and the Rome module of {@code
 * org.feedmesh.feedsync.rome} uses the same one, since Rome also hands modules JDOM elements. A
 * JDOM tree per item costs some allocation, but it keeps one definition of the format, lets the
 * mapping look at an item as a whole (conflicts are whole entries) and keeps foreign markup
 * intact; memory stays one item whatever the feed's length.
 *
 * <h2>Elements</h2>
 *
 * FeedSync 1.0.1 ({@code sx} = {@code http://feedsync.org/2007/feedsync}): {@code sx:sharing}
 * (since, until, expires; {@code sx:related} link, type, title) and {@code sx:unpublished} in the
 * Atom {@code feed} or RSS {@code channel} ({@code sx:sharing} on the RSS root is read too);
 * {@code sx:sync} (id, updates; deleted and noconflicts written only when true) with {@code
 * sx:history} (sequence, when in UTC whole seconds with {@code Z}, by) newest first and {@code
 * sx:conflicts} holding each conflicting version as a full Atom {@code entry} or RSS {@code item}.
 *
 * <p>FeedMesh file metadata ({@code fm} = {@code https://feedmesh.org/ns/fm/1}), one per item:
 *
 * <pre>{@code
 * <fm:file path="albums/2026/beach.jpg"   relative, '/'-separated, NFC (required)
 *          kind="file"                    file | dir | symlink (required)
 *          size="3000"                    bytes, decimal (required for files, absent otherwise)
 *          mtime="2026-11-21T09:29:58Z"   RFC 3339, UTC whole seconds (optional)
 *          mode="0644"                    POSIX permission bits, 1-4 octal digits (required)
 *          blob="8ba0...0cbf"             lowercase hex SHA-256 of the content (files only)
 *          target="../other">             link target (symlinks only)
 *   <fm:block offset="0" size="1000" hash="ca97...48bb"/>    in order, covering [0, size)
 *   <fm:block offset="1000" size="2000" hash="3e23...009d"/> exactly: no gap, no overlap
 * </fm:file>
 * }</pre>
 *
 * <h2>Payload</h2>
 *
 * Atom: {@code id}, {@code title}, {@code summary} (text constructs, xhtml kept as its serialized
 * {@code div}), {@code content} (inline or {@code src}), {@code link}, {@code author}, {@code
 * category}, {@code published}, {@code updated}. RSS: {@code title}, {@code description} (the
 * summary, as HTML), {@code link}, {@code enclosure}, {@code guid}, {@code author} ({@code email
 * (name)}), {@code category} ({@code domain}), {@code pubDate}, {@code content:encoded}; what RSS
 * cannot carry exactly goes into {@code atom:} elements of the item (see {@code
 * internal.RssElements}), so payloads survive Atom → RSS → Atom. Every element the mapping does not
 * know, or cannot map exactly (a link with {@code hreflang}, a second title, a date it cannot
 * read), is kept as a {@link org.feedmesh.feedsync.Payload.Foreign} element and written back as it
 * came (same infoset, in one canonical spelling: double quotes, {@code <a />}, each namespace
 * declared where first needed). Comments and
 * processing instructions inside items are dropped. Head elements other than id, title, updated,
 * links and the {@code sx:} ones are not kept.
 */
package org.feedmesh.feedsync.xml;
