package org.feedmesh.lookup.api;

/** The answer to a heartbeat: the endpoint's locators are live until {@code expiresAt}. */
public record LeaseJson(String endpointId, String expiresAt, int locators) {}
