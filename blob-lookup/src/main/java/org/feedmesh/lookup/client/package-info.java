/** {@link org.feedmesh.lookup.client.LookupClient}: the OkHttp client agents use. */
package org.feedmesh.lookup.client;
