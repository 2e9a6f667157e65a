/**
 * FeedSync 1.0.1's merge, conflict-resolution and sparse-purge algorithms, made convergent.
 *
 * <h2>Winner ({@link org.feedmesh.feedsync.merge.WinnerRule})</h2>
 * Of two versions of one item, the one with the higher {@code updates} wins; then the one whose
 * topmost history entry has the later {@code when} (a present {@code when} beats an absent one;
 * times are whole UTC seconds, so fractions never decide); then the one whose topmost {@code by} is
 * greater by Unicode code point (not by length, not by UTF-16 unit; a present {@code by} beats an
 * absent one). If all of that ties, the incoming version loses and the local one is kept.
 *
 * <h2>Subsumption ({@link org.feedmesh.feedsync.merge.Subsumption})</h2>
 * X is subsumed by Y when X's topmost history entry is covered by some entry of Y's history: an
 * entry with the same {@code by} and a sequence at least as high; or, when X's topmost entry has no
 * {@code by}, an entry without {@code by} with the same {@code when} and sequence. A version that
 * another subsumes holds nothing the other lacks, so merging may forget it.
 *
 * <h2>Merge ({@link org.feedmesh.feedsync.merge.ItemMerge}, {@link
 * org.feedmesh.feedsync.merge.FeedMerge})</h2>
 * Feeds merge item by item, matched by {@code sx:sync/@id}; an item on one side only is kept as it
 * is. Two versions of one item merge in four steps:
 * <ol>
 *   <li>The candidates are the local item and its {@code sx:conflicts}, then the incoming item and
 *       its conflicts, each taken without conflicts of its own.
 *   <li>Every candidate subsumed by any <em>other</em> candidate is dropped, whichever side either
 *       comes from (see "Convergence" for what "subsumed" means here). Of candidates that subsume
 *       each other (the same version reached both sides, or was listed twice), the first in the
 *       order above is kept; so an incoming item identical to the local one is dropped, and
 *       identical items merge to no conflict, leaving the local item unchanged.
 *   <li>The winner is chosen among the rest by the winner rule, local before incoming.
 *   <li>The others become the winner's {@code sx:conflicts}, strongest first, unless the winner has
 *       {@code noconflicts}: then they are discarded.
 * </ol>
 * The result says whether the local item changed and how ({@link
 * org.feedmesh.feedsync.merge.MergeResult.Outcome}); an unchanged result is the local item itself,
 * so a store journals only real changes. With no local item, the incoming item is stored after
 * step 2 alone, so merging an item with itself gives the same as storing it.
 *
 * <h2>Convergence: why this differs from the specification's merge</h2>
 * The specification ({@code LiteralMerge}, kept for the tests) drops only candidates subsumed by
 * the <em>other side</em>, and filters the local side before the incoming one. Its result can then
 * depend on the order in which versions arrive. The edge DESIGN section 4 names: a lost to b, then
 * edited b's winning version while its own losing version {@code a2} was still listed as a conflict,
 * giving {@code a3} with conflict {@code a2}. Merging {@code b2[a2]} into {@code a3[a2]} drops
 * {@code a2} (the other side's {@code a3} subsumes it); merging the other way round keeps it (the
 * local {@code a2} is dropped as identical to the incoming one, after which nothing on the local side
 * is left to drop the incoming {@code a2}). Dropping every candidate subsumed by any other
 * candidate, same side included, before choosing the winner removes that dependence: which
 * candidates survive is then a property of the set of versions, not of who holds which.
 *
 * <p>That alone is not enough with FeedSync's subsumption, because it is not transitive. Say b
 * builds {@code y} on a's {@code x}, loses to c's {@code w}, then edits {@code w} into {@code z}
 * while {@code y} is its conflict. {@code z} subsumes {@code y} (b's sequence went up) and {@code
 * y} subsumes {@code x}, but {@code z} does not subsume {@code x} ({@code w} never contained it). If
 * merging dropped {@code y} for {@code z}'s sake, {@code x} would be dropped when it arrives before
 * {@code y} is gone and would come back as a conflict when it arrives after: the merge would not be
 * associative (the property tests find such histories within a few hundred tries). So step 2 drops a
 * candidate only when its <em>whole</em> history is covered by the other candidate's history
 * ({@link org.feedmesh.feedsync.merge.Subsumption#isHistorySubsumedBy}). That relation is a preorder
 * (reflexive and transitive), and keeping the maximal versions of a preorder gives the same set
 * whether the versions come all at once or in any order and grouping. Then the winner rule, which
 * ranks a subsuming version at least as high as one it subsumes, picks the same winner.
 *
 * <p>For versions made by FeedSync's own operations, the two kinds of subsumption disagree only
 * when an endpoint edited an item while an older version of its own was a losing conflict, as in
 * both examples above. Then the whole-history rule drops that older version if everything it was
 * built on is in the new one (the first example: {@code a2} goes), and otherwise keeps it as a
 * conflict (the second: {@code y} stays, so {@code x} is dropped in every order and nothing the
 * newer edit never saw is lost). In every such case the specification's merge gives different
 * answers in different orders. Put precisely, and checked as a property over random histories:
 * wherever the specification's merge gives one answer in every order of arrival of a set of versions
 * (each conflict counting as a version in its own right), this merge gives the same answer.
 *
 * <p>Convergence assumes what FeedSync assumes: a ({@code by}, sequence) pair names one version (an
 * endpoint never reuses a sequence), and a version's topmost sequence is its {@code updates} with
 * every other entry lower, as create, update, merge and resolution produce. For inputs that break
 * this, the result is still deterministic, but may depend on the order (the first of two versions
 * the rules cannot tell apart is kept).
 *
 * <h2>Conflict resolution ({@link org.feedmesh.feedsync.merge.Resolution}, FeedSync 3.4)</h2>
 * An endpoint resolves some or all conflicts of an item by making a new version: an update
 * ({@code updates} + 1, a new topmost entry) whose history takes in, right below the topmost
 * entry, each history entry of the resolved conflicts that no entry already there covers; the
 * resolved versions leave {@code sx:conflicts}, the others stay. The new version subsumes the
 * resolved ones (by either rule), so merges everywhere drop them.
 *
 * <h2>Sparse purge ({@link org.feedmesh.feedsync.merge.SparsePurge})</h2>
 * Drops each history entry covered by another entry with the same {@code by} and a higher
 * sequence; never the topmost entry, never the highest sequence of any {@code by}, never an entry
 * without {@code by}. What a version subsumes or is subsumed by does not change.
 *
 * <p>Everything here is pure, stateless and thread-safe; the items are immutable records.
 */
package org.feedmesh.feedsync.merge;
