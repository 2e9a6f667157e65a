/**
 * The feed server's side of the blob lookup: {@link org.feedmesh.server.locators.BlobLocators}
 * turns accepted item versions, applied-status reports, revocations and address announcements into
 * blob locators in the embedded {@code org.feedmesh.lookup} service.
 */
package org.feedmesh.server.locators;
