/**
 * H2 file databases with durable commits ({@code WRITE_DELAY=0} in every URL), a connection pool,
 * transactions and per-component schema migrations recorded in {@code schema_version}.
 */
package org.feedmesh.platform.db;
