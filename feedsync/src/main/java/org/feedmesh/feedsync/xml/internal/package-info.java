/**
 * Machinery of {@code org.feedmesh.feedsync.xml}, public only so that the Rome module can share the
 * element mapping. Not an API: callers use {@code FeedReader}, {@code FeedWriter}, {@code EntryXml}
 * and {@code FeedXml}. The one definition of the element layout lives here: {@link
 * org.feedmesh.feedsync.xml.internal.ItemElements} with its Atom and RSS implementations, {@link
 * org.feedmesh.feedsync.xml.internal.SxElements}, {@link
 * org.feedmesh.feedsync.xml.internal.FmElements}, and the safe StAX source {@link
 * org.feedmesh.feedsync.xml.internal.XmlSource}.
 */
package org.feedmesh.feedsync.xml.internal;
