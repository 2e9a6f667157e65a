package org.feedmesh.lookup.rank;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One endpoint that holds what was asked for, as far as ranking cares.
 *
 * @param lanId the LAN id it announces, if any
 * @param addresses IP literals it is known by (hosts of its peer URLs, the address it registered
 *     from); names that are not literals are ignored
 * @param lastContact when it last registered or sent a heartbeat
 * @param heldCount how many blocks of the blob it holds
 */
public record Holder(
    String endpointId,
    Optional<String> lanId,
    List<String> addresses,
    Instant lastContact,
    int heldCount) {
  public Holder {
    Objects.requireNonNull(endpointId, "endpointId");
    Objects.requireNonNull(lanId, "lanId");
    addresses = List.copyOf(addresses);
    Objects.requireNonNull(lastContact, "lastContact");
  }
}
