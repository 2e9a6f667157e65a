/**
 * The lookup's H2 store: schema and sizing decisions in {@link
 * org.feedmesh.lookup.store.LookupSchema}, transactions in {@link
 * org.feedmesh.lookup.store.H2LookupStore}. The store knows namespaces and times, never callers.
 */
package org.feedmesh.lookup.store;
