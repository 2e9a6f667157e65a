/**
 * LAN download advertisements (seed 004): agents tell the machines on their network which
 * namespaces they serve, up to which journal cursor, and on which peer port; a puller then treats a
 * LAN peer that advertised cursor ≥ C as a candidate source for the blocks of journal entry C,
 * before (and besides) the blob lookup's answer.
 *
 * <h2>Parts</h2>
 *
 * <ul>
 *   <li>{@link org.feedmesh.agent.lan.Advertisement} — the value; {@link
 *       org.feedmesh.agent.lan.AdvertisementCodec} — its binary form.
 *   <li>{@link org.feedmesh.agent.lan.LanAnnouncer} — sends it by UDP, periodically and on change.
 *   <li>{@link org.feedmesh.agent.lan.LanListener} — receives them into a {@link
 *       org.feedmesh.agent.lan.LanPeers} table, which answers {@code candidatesFor(namespace,
 *       cursor)}.
 *   <li>{@link org.feedmesh.agent.lan.AdvertisementServlet} / {@link
 *       org.feedmesh.agent.lan.AdvertisementClient} — the same bytes over TCP, {@code GET
 *       /advertisement} on the peer port, for peers known by address.
 * </ul>
 *
 * <h2>Datagram, version 1</h2>
 *
 * All integers big-endian; names are ASCII {@code [a-z0-9][a-z0-9._-]{0,63}}.
 *
 * <pre>
 * offset  size  field
 *      0     4  magic "FMLA" (46 4D 4C 41)
 *      4     1  version = 1
 *      5     1  flags = 0 (reserved; non-zero is refused)
 *      6     8  instance id (random at each agent start; signed)
 *     14     2  peer port (1-65535)
 *     16     1  endpoint id length L (1-64)
 *     17     L  endpoint id
 *   17+L     2  namespace count N
 *   then N times, in strictly ascending name order:
 *              1  namespace name length M (1-64)
 *              M  namespace name
 *              8  journal cursor applied (>= 0)
 * </pre>
 *
 * A datagram is at most {@value org.feedmesh.agent.lan.AdvertisementCodec#MAX_DATAGRAM_BYTES}
 * bytes; an advertisement that does not fit is sent as several complete datagrams sharing the
 * namespaces, which receivers merge per instance. Anything else — short, long, trailing bytes,
 * other magic or version, invalid fields, repeated or unordered namespaces — is refused, counted by
 * reason and dropped.
 *
 * <h2>Trust</h2>
 *
 * An advertisement is a hint. Anyone on the LAN can send one; it grants no access and proves
 * nothing. Blocks are still requested with a server-signed peer ticket and verified by hash, so a
 * lying advertisement costs at most a failed request. The peer table is bounded ({@link
 * org.feedmesh.agent.lan.LanPeers#DEFAULT_MAX_PEERS}) so a flood cannot exhaust memory.
 */
package org.feedmesh.agent.lan;
