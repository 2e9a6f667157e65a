package org.feedmesh.server.tickets;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A signed peer ticket and what it says, as {@code POST /endpoints/self/ticket} answers it.
 *
 * @param ticket the compact ticket ({@code base64url(claims) "." base64url(signature)})
 * @param endpoint the endpoint it names
 * @param namespaces the namespaces that endpoint may read, sorted
 * @param expires when peers stop accepting it
 * @param keyId the id of the key that signed it
 */
public record IssuedTicket(
    String ticket, String endpoint, List<String> namespaces, Instant expires, String keyId) {
  public IssuedTicket {
    Objects.requireNonNull(ticket, "ticket");
    Objects.requireNonNull(endpoint, "endpoint");
    namespaces = List.copyOf(namespaces);
    Objects.requireNonNull(expires, "expires");
    Objects.requireNonNull(keyId, "keyId");
  }
}
