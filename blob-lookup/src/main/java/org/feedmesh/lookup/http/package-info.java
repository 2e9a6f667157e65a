/**
 * The lookup's JAX-RS resource ({@code /blobs/...}); the API is described in the {@code
 * org.feedmesh.lookup} package.
 */
package org.feedmesh.lookup.http;
