package org.feedmesh.lookup;

/**
 * Which endpoints exist. Embedded, the feed server answers from its accounts; standalone, the
 * lookup knows the endpoints that authenticated to it. Used to refuse registrations (by the admin)
 * for endpoints that do not exist. Must be fast and thread-safe.
 */
@FunctionalInterface
public interface EndpointDirectory {
  /** Whether an endpoint with this id exists and is not revoked. */
  boolean exists(String endpointId);
}
