/**
 * The feed server's W3C WebSub hub: every namespace feed is a topic, {@code POST /hub} subscribes
 * and unsubscribes, and every journaled change is distributed to the namespace's subscribers.
 *
 * <h2>Subscribing (WebSub 5)</h2>
 *
 * {@code POST /hub}, form-encoded, with a token that can read the namespace (no token 401, no right
 * 403). Parameters: {@code hub.mode} ({@code subscribe} | {@code unsubscribe}), {@code hub.topic}
 * (one of this server's feeds, {@code {base}feeds/{ns}} or {@code {base}feeds/{ns}?format=rss};
 * anything else 400, an unknown namespace 404), {@code hub.callback} (absolute http(s) URL, no
 * fragment, at most 2048 characters), {@code hub.lease_seconds} (optional, a positive integer,
 * clamped to the configured minimum and maximum; absent means the default lease) and {@code
 * hub.secret} (optional, 1 to 199 bytes). Other parameters, {@code hub.*} included, are ignored. A
 * valid request is answered {@code 202 Accepted} at once; a refused one gets the JSON error and
 * starts nothing.
 *
 * <h2>Verification of intent (WebSub 5.3)</h2>
 *
 * After the 202, on the hub's own threads: {@code GET callback} with its own query string kept and
 * {@code hub.mode}, {@code hub.topic}, {@code hub.challenge} (32 random bytes, base64url) and, to
 * subscribe, the granted {@code hub.lease_seconds}. Only a 2xx whose body is the challenge
 * confirms. A confirmed subscribe stores the subscription (replacing the (topic, callback) pair's
 * earlier one: new lease, secret and subscriber, same cursor); a confirmed unsubscribe deletes it.
 * Anything else (404, another status, a wrong echo, a timeout, a redirect) changes nothing.
 *
 * <h2>Distribution (WebSub 7)</h2>
 *
 * The journal is the source of what each subscriber is owed: a subscription stores the cursor up to
 * which its callback acknowledged everything, and a distribution carries the current versions of
 * the items journaled above it, as a sync feed in the topic's format ({@code application/atom+xml}
 * or {@code application/rss+xml}, with {@code charset=utf-8}, as {@code GET} serves it) whose
 * {@code sx:sharing} says which cursors it covers, with {@code Link: <hub>; rel="hub"} and {@code
 * Link: <topic>; rel="self"} headers and, when a secret was given, {@code X-Hub-Signature:
 * sha256=HEX} (the HMAC of the exact body bytes keyed with the secret; the method is configurable
 * among sha1, sha256, sha384, sha512). One POST carries at most the configured number of entries
 * and bytes; a backlog goes in several, in cursor order. A 2xx raises the stored cursor; a 410 ends
 * the subscription; anything else is retried with exponential backoff and jitter, each retry
 * carrying everything owed by then, for as long as the lease lasts. Distributions never run on the
 * publishing thread (see {@link org.feedmesh.server.hub.Distributor}); a slow or dead subscriber
 * holds one of a bounded number of in-flight slots for at most the call timeout. Delivery is at
 * least once: after a crash between a callback's 2xx and the cursor update, that batch is sent
 * again.
 *
 * <h2>Leases and rights</h2>
 *
 * Expired subscriptions get nothing and are purged by a periodic sweep, with ended ones. Each
 * subscription remembers which endpoint (or the admin) made it; when that endpoint is revoked or
 * loses read access to the namespace, its subscriptions end before the next distribution.
 *
 * <h2>Settings ({@link org.feedmesh.server.hub.HubSettings}; {@code feedmesh server} option)</h2>
 *
 * <table>
 *   <caption>Hub settings and defaults</caption>
 *   <tr><th>setting</th><th>option</th><th>default</th></tr>
 *   <tr><td>defaultLease</td><td>--hub-lease-seconds</td><td>864000 (10 days)</td></tr>
 *   <tr><td>minLease</td><td>--hub-min-lease-seconds</td><td>300</td></tr>
 *   <tr><td>maxLease</td><td>--hub-max-lease-seconds</td><td>2592000 (30 days)</td></tr>
 *   <tr><td>signature</td><td>--hub-signature</td><td>sha256</td></tr>
 *   <tr><td>maxInFlight</td><td>--hub-max-in-flight</td><td>64</td></tr>
 *   <tr><td>callTimeout</td><td>--hub-timeout-seconds</td><td>30</td></tr>
 *   <tr><td>retryBase</td><td>--hub-retry-base-seconds</td><td>5</td></tr>
 *   <tr><td>retryMax</td><td>--hub-retry-max-seconds</td><td>900</td></tr>
 *   <tr><td>batchMaxEntries</td><td>--hub-batch-max-entries</td><td>500</td></tr>
 *   <tr><td>batchMaxBytes</td><td>(none)</td><td>1 MiB</td></tr>
 *   <tr><td>verifyThreads</td><td>(none)</td><td>4</td></tr>
 *   <tr><td>connectTimeout</td><td>(none)</td><td>5 s</td></tr>
 *   <tr><td>sweepInterval</td><td>(none)</td><td>60 s</td></tr>
 * </table>
 */
package org.feedmesh.server.hub;
