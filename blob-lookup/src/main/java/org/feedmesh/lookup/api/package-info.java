/**
 * The JSON wire format of the lookup's HTTP API (records with plain types: times are RFC 3339 UTC
 * strings, absent fields are omitted), and its conversions to and from the domain, shared by the
 * resources and {@link org.feedmesh.lookup.client.LookupClient}.
 */
package org.feedmesh.lookup.api;
