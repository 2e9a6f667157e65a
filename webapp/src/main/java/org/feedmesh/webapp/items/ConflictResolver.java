package org.feedmesh.webapp.items;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.feedmesh.feedsync.History;
import org.feedmesh.feedsync.Item;
import org.feedmesh.feedsync.merge.Resolution;
import org.feedmesh.platform.auth.Caller;
import org.feedmesh.platform.http.ApiException;
import org.feedmesh.server.journal.Journal;
import org.feedmesh.server.journal.JournalEntry;
import org.feedmesh.server.journal.PublishResult;

/**
 * "Keep this version": resolves every conflict of an item in favour of one of its versions (the
 * current winner or one of the conflicts), as FeedSync's conflict resolution (section 3.4, {@link
 * Resolution}): a new version with {@code updates} + 1 and the kept version's content, whose
 * history takes in every resolved version's history so it subsumes them wherever it travels.
 *
 * <p>Whose {@code by}: the signed-in caller's id (an endpoint's, or {@code admin}) — the person
 * resolving acts under the identity they signed in with, and the journal's ownership rule (an
 * endpoint may add history only under its own id) holds. Who may: whoever may write the
 * namespace. The change runs inside the journal's lock on the namespace: if the item changed since
 * the page showed it ({@code updates} differs) nothing is stored and the answer is 409.
 */
public final class ConflictResolver {
  private final Journal journal;
  private final Clock clock;

  public ConflictResolver(Journal journal, Clock clock) {
    this.journal = Objects.requireNonNull(journal, "journal");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The key the view names a version by: updates, and the topmost history entry. */
  public static String key(Item version) {
    History top = version.topmost();
    return version.updates()
        + "."
        + top.sequence()
        + "."
        + (top.by() == null ? "" : top.by())
        + "."
        + (top.when() == null ? "" : top.when().toString());
  }

  /**
   * @param seenUpdates the item's {@code updates} when the page showed it
   * @param keep the {@link #key} of the version to keep
   * @throws ApiException 403 without write access, 404 unknown item, 409 changed meanwhile or no
   *     conflicts, 400 no such version
   */
  public PublishResult keep(
      String ns, Caller caller, String itemId, int seenUpdates, String keep) {
    caller.requireWrite(ns);
    return journal.change(
        ns,
        caller,
        itemId,
        current -> resolve(itemId, current, caller.id(), seenUpdates, keep));
  }

  private Item resolve(
      String itemId, Optional<JournalEntry> current, String by, int seenUpdates, String keep) {
    Item item =
        current
            .map(JournalEntry::item)
            .orElseThrow(() -> ApiException.notFound("item " + itemId + " does not exist"));
    if (item.updates() != seenUpdates) {
      throw new ApiException(
          409,
          "the item changed since the page showed it (now at updates "
              + item.updates()
              + ", the page showed "
              + seenUpdates
              + "); nothing was stored, look again",
          Map.of("updates", item.updates()));
    }
    if (item.conflicts().isEmpty()) {
      throw new ApiException(409, "item " + itemId + " has no conflicts to resolve");
    }
    Item chosen =
        key(item.withoutConflicts()).equals(keep)
            ? item
            : item.conflicts().stream()
                .filter(c -> key(c).equals(keep))
                .findFirst()
                .orElseThrow(
                    () ->
                        ApiException.badRequest(
                            "item " + itemId + " has no version " + keep + "; look again"));
    Instant now = clock.instant();
    if (chosen.isDeleted()) {
      return Resolution.resolveByDeleting(item, item.conflicts(), by, now, false);
    }
    return Resolution.resolveAll(item, by, now, chosen.payload());
  }
}
