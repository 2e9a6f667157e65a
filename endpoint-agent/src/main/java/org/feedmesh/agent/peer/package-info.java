/**
 * Peer transfer: endpoints download blocks from each other instead of from the feed server.
 *
 * <h2>Credential</h2>
 *
 * The feed server signs short-lived <b>peer tickets</b> ({@code POST /endpoints/self/ticket}) with
 * its Ed25519 key ({@code GET /peer-key}); {@link org.feedmesh.agent.peer.TicketSource} fetches and
 * renews this agent's ticket and the key. A ticket (version 1) is {@code base64url(claims) "."
 * base64url(signature)}, the signature over the ASCII bytes of the first part, claims {@code
 * {"v":1,"kid","sub":"<endpoint>","ns":["<namespace>",...],"iat","exp"}} (Unix seconds); see {@code
 * feed-server/README.md}. {@link org.feedmesh.agent.peer.TicketVerifier} checks a ticket with the
 * key alone, allowing 30 s of clock skew after {@code exp}. Revoking an endpoint stops new tickets;
 * one already issued works until it expires (10 minutes by default).
 *
 * <h2>Serving ({@link org.feedmesh.agent.peer.PeerServer})</h2>
 *
 * {@code GET} or {@code HEAD /blocks/{sha256}} with {@code Authorization: Bearer <ticket>}:
 *
 * <ul>
 *   <li>401 (with {@code WWW-Authenticate: Bearer}) without a ticket, or with one that is
 *       malformed, badly signed or expired;
 *   <li>403 when the ticket does not name the namespace this peer port serves;
 *   <li>400 when the hash is not 64 lowercase hex digits;
 *   <li>503 with {@code Retry-After} when the upload limit is reached;
 *   <li>404 when the block is not held, or the disk no longer holds its bytes (re-read and hashed
 *       before anything is sent);
 *   <li>200 {@code application/octet-stream} with {@code Content-Length}: the block. Blocks up to 4
 *       MiB are read into a buffer of their size and verified; larger ones are hashed, then
 *       streamed while hashed again, the last 64 KiB held back until the hash matches (otherwise
 *       the connection is cut short, never a complete wrong block).
 * </ul>
 *
 * {@code POST /blocks} with {@code Content-Type: text/plain} and one hash per line (1 to 256) asks
 * for many blocks in one request. The same ticket (401, 403) and upload (503, one slot per request)
 * checks apply; a body that is not text/plain is 415, larger than 256 lines 413, a line that is
 * not a hash 400, and {@code POST /blocks/{hash}} 405. The answer is 200 {@code
 * application/vnd.feedmesh.blocks}: for each hash in the order asked, the line {@code "<hash>
 * <size>\n"} and exactly {@code size} bytes of the block (re-read and verified just before), or
 * {@code "<hash> -\n"} when it is not held here (any more).
 *
 * <p>Errors carry the FeedMesh JSON shape {@code {"error": "...", "status": N}}. Bytes sent are
 * counted per requesting endpoint. More routes (the LAN advertisement) are added through {@link
 * org.feedmesh.agent.peer.PeerServer.Builder#route} before start.
 *
 * <h2>Fetching ({@link org.feedmesh.agent.peer.BlockFetcher})</h2>
 *
 * Each block comes from one peer: the least-loaded candidate under the per-peer and total limits.
 * Blocks up to 512 KiB whose candidates include the same peer share one {@code POST /blocks}
 * request (up to 64 blocks, 4 MiB); a wrong block in a batch costs only that block, a frame that
 * is not the one asked for costs the blocks after it, and a peer that answers the batch 405 is
 * asked block by block for ten minutes, then offered a batch again.
 * Every body is read into a buffer of exactly the block's size and hashed before the {@link
 * org.feedmesh.agent.peer.BlockSink} sees it. Wrong length or hash, 404, 5xx or a broken body: the
 * next candidate is tried for that block. Connection refused or a timeout (connect, read silence,
 * or the whole block taking too long): the peer is skipped for the rest of that fetch. 503: asked
 * again after {@code Retry-After} when no other candidate delivered.
 */
package org.feedmesh.agent.peer;
