package org.feedmesh.lookup.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.feedmesh.lookup.BlobId;
import org.feedmesh.lookup.BlobLayout;
import org.feedmesh.lookup.HeldBlocks;
import org.feedmesh.lookup.PeerContact;

/**
 * What one register/refresh writes: the blob (with its layout when the caller gave one), the
 * holder, the blocks it holds, and until when. A present {@code contact} replaces the endpoint's
 * announced contact; an empty one leaves it as it was. {@code registrantScope} is what the caller
 * behind the registration may read: a blob outside it is treated as unknown (its layout must be
 * given, and a mismatch is not described), so registering cannot be used to probe other namespaces.
 */
public record LocatorRegistration(
    BlobId blobId,
    Optional<BlobLayout> layout,
    String endpointId,
    String namespace,
    HeldBlocks held,
    Optional<PeerContact> contact,
    Optional<String> seenAddress,
    Instant expiresAt,
    NamespaceScope registrantScope) {

  public LocatorRegistration {
    Objects.requireNonNull(blobId, "blobId");
    Objects.requireNonNull(layout, "layout");
    Objects.requireNonNull(endpointId, "endpointId");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(held, "held");
    Objects.requireNonNull(contact, "contact");
    Objects.requireNonNull(seenAddress, "seenAddress");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(registrantScope, "registrantScope");
    layout.ifPresent(
        l -> {
          if (!l.id().equals(blobId)) {
            throw new IllegalArgumentException("layout is for blob " + l.id() + ", not " + blobId);
          }
        });
  }
}
