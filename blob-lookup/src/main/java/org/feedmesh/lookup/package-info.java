/**
 * The blob lookup service: which endpoints hold which blob, and which blocks of it (seed 003's
 * "blob lookup service" of "blob locators"). Runs inside the feed server (the default; see {@link
 * org.feedmesh.lookup.BlobLookup}) or on its own ({@code feedmesh lookup}, see {@link
 * org.feedmesh.lookup.standalone}).
 *
 * <h2>Model</h2>
 *
 * <ul>
 *   <li>A <b>blob</b> is identified by the lowercase hex SHA-256 of its content; it has a size and
 *       a block list that tiles it exactly (block {@code i} starts where block {@code i-1} ends;
 *       each block has the SHA-256 of its bytes). The first registration of a blob must carry its
 *       layout; later ones may omit it, and if they give one it must be the same (else 409).
 *   <li>A blob <b>appears in</b> the namespaces it was registered under.
 *   <li>A <b>locator</b> says: endpoint E, registered under namespace N, holds blob B — all of it,
 *       or these blocks of it (sorted {@code [first, last]} index ranges) — until an expiry. An
 *       endpoint still downloading registers the blocks it already has, so others can take them
 *       from it.
 *   <li>An endpoint's <b>contact</b> (peer URLs, optional LAN id) is stored once per endpoint and
 *       shown with each of its locators; a registration or heartbeat that carries one replaces it.
 *   <li><b>Liveness.</b> A locator is live until the later of its own expiry (set by its last
 *       registration: now + ttl, ttl at most {@code maxTtl}) and its endpoint's <b>heartbeat
 *       lease</b> (set by the endpoint's last heartbeat). So a heartbeat refreshes all of an
 *       endpoint's locators at once, and an endpoint that goes offline drops out of answers at most
 *       {@code maxTtl} after it was last heard from. Expired locators never appear in answers; a
 *       sweeper deletes them, and later the blobs nobody has held for {@code blobRetention}.
 * </ul>
 *
 * <h2>Access</h2>
 *
 * A blob exists for a caller only if the caller can read a namespace the blob appears in; otherwise
 * it gets 404, exactly as for an unknown blob (existence is not revealed). Of a blob's locators,
 * the caller sees those registered under namespaces it can read — the peers it could actually
 * download from, since peers serve blocks only to endpoints sharing a namespace. The admin sees
 * everything. An endpoint registers, refreshes and removes only its own locators, and registers
 * only into namespaces it can write; the admin (and the feed server, in-process) may act for any
 * existing endpoint. Registering a blob the caller cannot see needs its full block list, as
 * for an unknown blob, and a mismatching block list is refused without details, so registering
 * cannot be used to learn what other namespaces hold.
 *
 * <h2>Order of holders</h2>
 *
 * See {@link org.feedmesh.lookup.rank.HolderRanking}: same network first (same LAN id, or an
 * address in the same /24 or /64), then fresher, then less busy (fewer recent hand-outs), then
 * holding more. The first holder of every answer counts as handed out — within a batch too — so
 * load spreads over equal holders.
 *
 * <h2>HTTP (JSON; errors are {@code {"error": "...", "status": N}})</h2>
 *
 * <pre>
 * PUT    /blobs/{blobId}/locators/{endpointId}
 *        {"namespace":"photos", "size":2097152,
 *         "blocks":[{"offset":0,"size":1048576,"hash":"…"},{"offset":1048576,…}],
 *         "held":[[0,0]], "peerUrls":["http://192.168.1.5:7070"], "lanId":"home",
 *         "ttlSeconds":600}                     → 201 created / 200 refreshed: the locator
 * DELETE /blobs/{blobId}/locators/{endpointId}[?namespace=NS]   → 204, 404 if there was none
 * GET    /blobs/{blobId}[?lan=ID&amp;address=IP&amp;blocks=false]
 *        → {"blobId","size","blockCount","blocks":[…],"locators":[{"endpointId","namespaces",
 *           "peerUrls","lanId","held","heldCount","registeredAt","refreshedAt","expiresAt",
 *           "sameNetwork"}]}                   (locators best first; "held" absent = whole blob)
 * POST   /blobs/lookup   {"blobs":[…], "blocks":[…], "lanId":"home", "addresses":["10.0.0.7"]}
 *        → {"blobs":{id: blob without "blocks"}, "blocks":{hash:[{"blobId","index","offset",
 *           "size","endpoints":[ids best first]}]}, "endpoints":{id:{"peerUrls","lanId",
 *           "refreshedAt","expiresAt","sameNetwork"}}, "unknown":[ids with no visible answer]}
 * POST   /blobs/heartbeat/{endpointId}   {"peerUrls":[…], "lanId":"…", "ttlSeconds":300}
 *        → {"endpointId","expiresAt","locators"}
 * </pre>
 *
 * Refusals: ids that are not 64 lowercase hex characters, block lists that do not tile the blob
 * (gaps, overlaps, sizes that do not add up, negative or zero sizes, too many or too large blocks),
 * held ranges that are unsorted, overlapping or past the end, ttl &lt;= 0, bad peer URLs, batches
 * over {@code maxBatchIds}: 400. Another endpoint's locators or a namespace without write: 403.
 * Unknown endpoint (for the admin), unknown blob without layout: 404. Nothing is stored on any
 * refusal.
 */
package org.feedmesh.lookup;
