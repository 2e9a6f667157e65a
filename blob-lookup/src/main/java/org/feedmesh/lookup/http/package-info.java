/** The lookup's JAX-RS resource ({@code /blobs/...}); see the {@code org.feedmesh.lookup} package. */
package org.feedmesh.lookup.http;
