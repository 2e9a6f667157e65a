/**
 * What endpoints report about their peers when they announce themselves ({@code PUT
 * /endpoints/self}): {@code "transfers": [{"from": "<endpoint id or \"server\">", "bytes": N,
 * "blocks": K}]} (deltas since the previous announcement) and {@code "lanPeers": [{"endpoint":
 * "...", "address": "...", "cursors": {"ns": C}}]}. Validated by {@link
 * org.feedmesh.server.registry.PeerReport}; kept by listeners of {@link
 * org.feedmesh.server.registry.PeerReports}.
 */
package org.feedmesh.server.registry;
