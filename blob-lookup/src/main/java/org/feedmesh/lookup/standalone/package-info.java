/**
 * {@code feedmesh lookup}: the lookup as its own process ({@link
 * org.feedmesh.lookup.standalone.StandaloneLookup} is the composition root, {@link
 * org.feedmesh.lookup.standalone.LookupCommand} the command).
 *
 * <p>Authentication: the feed server owns the accounts. A request's token is checked with the feed
 * server's {@code GET /whoami} (platform {@code RemoteAuthenticator}); each answer — a caller or
 * "unknown" — is reused for {@code --token-cache-seconds} (30 s), so a token revoked on the feed
 * server stops working here within that bound. While the feed server cannot be reached, requests
 * get 503 (not 401). The lookup also has its own admin token in {@code DATA/lookup-admin.token}
 * (mode 600), which works without a feed server.
 *
 * <p>Limits of standalone mode: it has no accounts, so it knows as endpoints only those that
 * registered or sent a heartbeat to it (the admin can register on behalf of those); and a revoked
 * endpoint's locators are not removed at once — its token stops working within the cache time and
 * its locators expire within {@code --max-ttl-seconds} (or the admin deletes them). Embedded in the
 * feed server, revocation removes them at once.
 */
package org.feedmesh.lookup.standalone;
