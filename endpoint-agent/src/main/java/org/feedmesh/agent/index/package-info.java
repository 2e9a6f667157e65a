/**
 * The agent's index: its own embedded H2 database in the state directory (default
 * {@code FOLDER/.feedmesh/}). Rows per path ({@link org.feedmesh.agent.index.IndexEntry}: what is on
 * disk, the last FeedSync item, whether a local change is unacknowledged), a block index
 * (hash → location, offset, size) over live files and kept versions so that any block present
 * locally is copied instead of downloaded, journal cursors and key/value state. Every URL carries
 * {@code WRITE_DELAY=0}: a committed change survives {@code kill -9}.
 */
package org.feedmesh.agent.index;
