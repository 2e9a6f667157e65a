/**
 * Embedded HTTP for every FeedMesh server process: {@link org.feedmesh.platform.http.HttpServer}
 * runs a Jersey application on Jetty 12 with the shared JSON error shape ({@code {"error": "...",
 * "status": N, ...}}), a request body limit (413) and request logging. Resources throw {@link
 * org.feedmesh.platform.http.ApiException} (or any JAX-RS {@code WebApplicationException}) and
 * never build error bodies themselves.
 */
package org.feedmesh.platform.http;
