package org.feedmesh.server.hub;

import java.util.Objects;
import org.feedmesh.platform.auth.Caller;
import org.feedmesh.server.accounts.AccountStore;
import org.feedmesh.server.accounts.Endpoint;

/**
 * Whether a subscriber may still read a namespace: asked before every distribution round, so the
 * subscriptions of a revoked (or no longer granted) endpoint stop receiving at once.
 */
@FunctionalInterface
public interface SubscriberRights {
  /**
   * @param subscriber an endpoint id, or {@link Caller#ADMIN_ID}
   */
  boolean mayRead(String subscriber, String namespace);

  /** Rights as the server's accounts say: the admin reads all; an endpoint while active+granted. */
  static SubscriberRights of(AccountStore accounts) {
    Objects.requireNonNull(accounts, "accounts");
    return (subscriber, namespace) ->
        subscriber.equals(Caller.ADMIN_ID)
            || accounts
                .endpoint(subscriber)
                .filter(Endpoint::isActive)
                .map(e -> e.caller().canRead(namespace))
                .orElse(false);
  }
}
