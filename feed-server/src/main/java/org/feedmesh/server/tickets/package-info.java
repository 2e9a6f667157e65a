/**
 * Peer tickets: the server's Ed25519 signing key ({@link org.feedmesh.server.tickets.PeerKey},
 * stored in the database), the issuer and the two resources {@code POST /endpoints/self/ticket} and
 * {@code GET /peer-key}. Agents show a ticket to each other's peer ports; a peer checks it with the
 * public key alone. The wire format is in {@code feed-server/README.md}.
 */
package org.feedmesh.server.tickets;
