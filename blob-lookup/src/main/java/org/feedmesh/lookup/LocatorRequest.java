package org.feedmesh.lookup;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A register/refresh request for one locator: the namespace it is registered under, the endpoint's
 * contact (empty keeps the one it announced before), the blob's layout (needed the first time
 * anyone registers the blob), which blocks the endpoint holds, and for how long (empty means the
 * configured default; longer than the configured maximum is cut to it).
 */
public record LocatorRequest(
    String namespace,
    Optional<PeerContact> contact,
    Optional<BlobLayout> layout,
    HeldBlocks held,
    Optional<Duration> ttl) {
  public LocatorRequest {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(contact, "contact");
    Objects.requireNonNull(layout, "layout");
    Objects.requireNonNull(held, "held");
    Objects.requireNonNull(ttl, "ttl");
  }

  /** The whole blob, default ttl, contact unchanged. */
  public static LocatorRequest wholeBlob(String namespace, BlobLayout layout) {
    return new LocatorRequest(
        namespace, Optional.empty(), Optional.of(layout), HeldBlocks.all(), Optional.empty());
  }
}
