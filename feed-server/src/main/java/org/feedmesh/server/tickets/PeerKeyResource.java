package org.feedmesh.server.tickets;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Base64;
import java.util.Objects;

/**
 * {@code GET /peer-key} (any valid token): the public key that verifies peer tickets, as {@code
 * {"algorithm": "Ed25519", "key": "<base64 X.509 SubjectPublicKeyInfo>", "keyId": "..."}}.
 */
@Path("peer-key")
@Produces(MediaType.APPLICATION_JSON)
public final class PeerKeyResource {
  public record PeerKeyView(String algorithm, String key, String keyId) {}

  private final PeerKeyView view;

  public PeerKeyResource(PeerKey key) {
    Objects.requireNonNull(key, "key");
    this.view =
        new PeerKeyView(
            PeerKey.ALGORITHM,
            Base64.getEncoder().encodeToString(key.publicKey().getEncoded()),
            key.keyId());
  }

  @GET
  public PeerKeyView key() {
    return view;
  }
}
