package org.feedmesh.lookup;

import java.time.Instant;

/** An endpoint's heartbeat lease: all its locators stay live until {@code expiresAt}. */
public record Lease(String endpointId, Instant expiresAt, int locators) {}
