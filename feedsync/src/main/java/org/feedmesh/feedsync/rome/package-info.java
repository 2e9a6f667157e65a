/**
 * A Rome 2.1 module for FeedSync ({@code sx:}) and FeedMesh file metadata ({@code fm:}), registered
 * in {@code rome.properties} at the class path root for {@code atom_1.0} and {@code rss_2.0} feeds
 * and items. With it, Rome's {@code WireFeedInput}/{@code SyndFeedInput} fill {@link
 * org.feedmesh.feedsync.rome.SyncFeedModule} on the feed or channel and {@link
 * org.feedmesh.feedsync.rome.SyncEntryModule} and {@link org.feedmesh.feedsync.rome.FileModule} on
 * entries and items (instead of leaving those elements as foreign markup), and Rome's output
 * writes them. The modules hold the immutable model values; parsing and generating go through the
 * same element mapping as {@code org.feedmesh.feedsync.xml}, so the two cannot disagree.
 *
 * <p>Rome keeps refusing DOCTYPEs ({@code allowDoctypes} is false by default): leave it so. For
 * large feeds use {@code org.feedmesh.feedsync.xml}, which streams; Rome holds the whole document.
 *
 * <pre>{@code
 * SyndFeed feed = new SyndFeedInput().build(new InputSource(in));
 * SyncEntryModule sx = (SyncEntryModule) feed.getEntries().get(0).getModule(SyncEntryModule.URI);
 * Sync sync = sx.getSync();
 * }</pre>
 */
package org.feedmesh.feedsync.rome;
