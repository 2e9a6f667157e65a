/**
 * The FeedSync 1.0.1 model (namespace {@code http://feedsync.org/2007/feedsync}, prefix
 * {@code sx}): immutable, validated values for {@code sx:sharing} ({@link
 * org.feedmesh.feedsync.Sharing}, {@link org.feedmesh.feedsync.Related}), {@code sx:sync} ({@link
 * org.feedmesh.feedsync.Sync}), {@code sx:history} ({@link org.feedmesh.feedsync.History}), {@code
 * sx:conflicts} (the conflict list of a {@code Sync}) and {@code sx:unpublished} (a flag of {@link
 * org.feedmesh.feedsync.FeedHead}), plus the item payload ({@link org.feedmesh.feedsync.Payload}).
 *
 * <p>Rules every value here enforces, so that nothing invalid can be built, parsed or stored:
 * {@code updates} and {@code sequence} are in 1..2^31-1; every history entry has a {@code when} or
 * a {@code by}; times are RFC 3339, kept as instants in UTC whole seconds; ids and {@code by} are
 * strings of the RFC 2141 NSS character set; {@code noconflicts} is chosen only when an item is
 * created; {@code since} comes with {@code until}. Violations throw {@link
 * org.feedmesh.feedsync.InvalidFeedSyncException} with a message that names the rule.
 *
 * <p>The create, update and delete algorithms are methods of {@link org.feedmesh.feedsync.Item};
 * merge, conflict resolution and sparse purge live in {@code org.feedmesh.feedsync.merge}; reading
 * and writing Atom 1.0 and RSS 2.0 in {@code org.feedmesh.feedsync.xml}.
 */
package org.feedmesh.feedsync;
