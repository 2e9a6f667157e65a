package org.feedmesh.lookup;

import java.time.Instant;

/**
 * An endpoint named in a batch answer: how to reach it and how fresh it is (the latest refresh and
 * expiry among its locators in the answer).
 */
public record PeerInfo(
    String endpointId,
    PeerContact contact,
    Instant refreshedAt,
    Instant expiresAt,
    boolean sameNetwork) {}
