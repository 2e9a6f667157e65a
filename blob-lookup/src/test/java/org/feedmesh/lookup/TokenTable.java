package org.feedmesh.lookup;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.feedmesh.platform.auth.Access;
import org.feedmesh.platform.auth.Authenticator;
import org.feedmesh.platform.auth.Caller;
import org.feedmesh.platform.auth.Tokens;

/**
 * A real, in-memory {@link Authenticator}: tokens made with {@link Tokens} and the callers they
 * stand for, as the feed server's accounts would answer. Also the endpoint directory.
 */
public final class TokenTable implements Authenticator, EndpointDirectory {
  private final Tokens tokens = Tokens.secure();
  private final Map<String, Caller> byToken = new ConcurrentHashMap<>();

  public String admin() {
    return add(Caller.admin());
  }

  /** A new endpoint token; {@code rights} maps namespace to "r", "w" or "rw". */
  public String endpoint(String id, Map<String, String> rights) {
    Map<String, java.util.Set<Access>> ns = new java.util.HashMap<>();
    rights.forEach(
        (name, r) -> {
          java.util.Set<Access> set = java.util.EnumSet.noneOf(Access.class);
          if (r.contains("r")) {
            set.add(Access.READ);
          }
          if (r.contains("w")) {
            set.add(Access.WRITE);
          }
          ns.put(name, set);
        });
    return add(Caller.endpoint(id, ns, false));
  }

  private String add(Caller caller) {
    String token = tokens.newToken();
    byToken.put(Tokens.hash(token), caller);
    return token;
  }

  public void revoke(String token) {
    byToken.remove(Tokens.hash(token));
  }

  @Override
  public Optional<Caller> authenticate(String token) {
    return Optional.ofNullable(byToken.get(Tokens.hash(token)));
  }

  @Override
  public boolean exists(String endpointId) {
    return byToken.values().stream().anyMatch(c -> c.id().equals(endpointId) && !c.isAdmin());
  }
}
