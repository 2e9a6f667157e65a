/**
 * The order in which holders are offered to an asker (a pure function, {@link
 * org.feedmesh.lookup.rank.HolderRanking}) and the per-request tally that spreads hand-outs ({@link
 * org.feedmesh.lookup.rank.HandoutTally}).
 */
package org.feedmesh.lookup.rank;
