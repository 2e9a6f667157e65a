package org.feedmesh.lookup.standalone;

import java.util.Objects;
import java.util.Optional;
import org.feedmesh.platform.auth.Authenticator;
import org.feedmesh.platform.auth.Caller;

/**
 * Tokens of a standalone lookup: its own admin token first, then whatever the feed server's {@code
 * GET /whoami} says (through the platform's caching {@code RemoteAuthenticator}); without a feed
 * server, every other token is unknown.
 */
final class StandaloneAuthenticator implements Authenticator {
  private final LocalAdminToken admin;
  private final Optional<Authenticator> feedServer;

  StandaloneAuthenticator(LocalAdminToken admin, Optional<Authenticator> feedServer) {
    this.admin = Objects.requireNonNull(admin, "admin");
    this.feedServer = Objects.requireNonNull(feedServer, "feedServer");
  }

  @Override
  public Optional<Caller> authenticate(String token) {
    if (admin.matches(token)) {
      return Optional.of(Caller.admin());
    }
    return feedServer.flatMap(a -> a.authenticate(token));
  }
}
