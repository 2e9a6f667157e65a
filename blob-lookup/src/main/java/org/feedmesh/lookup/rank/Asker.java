package org.feedmesh.lookup.rank;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Who asks where a blob is, as far as ranking cares.
 *
 * @param endpointId the asking endpoint (ranked last in its own answers), empty for the admin
 * @param lanId the LAN id the asker announces, if any
 * @param addresses IP literals the asker is known by: the address its request came from and any it
 *     declared
 */
public record Asker(Optional<String> endpointId, Optional<String> lanId, List<String> addresses) {
  public Asker {
    Objects.requireNonNull(endpointId, "endpointId");
    Objects.requireNonNull(lanId, "lanId");
    addresses = List.copyOf(addresses);
  }

  public static Asker anonymous() {
    return new Asker(Optional.empty(), Optional.empty(), List.of());
  }
}
