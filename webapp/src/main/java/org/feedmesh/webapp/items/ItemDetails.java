package org.feedmesh.webapp.items;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.feedmesh.feedsync.History;
import org.feedmesh.feedsync.Item;
import org.feedmesh.feedsync.fm.Block;
import org.feedmesh.feedsync.fm.FileKind;
import org.feedmesh.feedsync.fm.FileMeta;
import org.feedmesh.lookup.BlobAnswer;
import org.feedmesh.lookup.BlobId;
import org.feedmesh.lookup.BlockRange;
import org.feedmesh.lookup.LocatorInfo;
import org.feedmesh.lookup.LookupException;
import org.feedmesh.lookup.LookupService;
import org.feedmesh.platform.auth.Caller;
import org.feedmesh.server.accounts.AccountStore;
import org.feedmesh.server.accounts.Endpoint;
import org.feedmesh.server.journal.JournalEntry;

/**
 * Everything the item page shows about one item: its FeedSync history, its versions (the current
 * winner and its conflicts, side by side), each endpoint's delivery state, and its blob — size,
 * block list and which endpoints hold which blocks, from the blob lookup.
 */
public final class ItemDetails {
  /** Most blocks listed on the page; a larger file says how many it left out. */
  public static final int MAX_BLOCKS_SHOWN = 2000;

  private final AccountStore accounts;
  private final Delivery delivery;
  private final LookupService lookup;

  public ItemDetails(AccountStore accounts, Delivery delivery, LookupService lookup) {
    this.accounts = Objects.requireNonNull(accounts, "accounts");
    this.delivery = Objects.requireNonNull(delivery, "delivery");
    this.lookup = Objects.requireNonNull(lookup, "lookup");
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Detail(
      String namespace,
      String id,
      String path,
      String kind,
      long size,
      int updates,
      boolean deleted,
      long cursor,
      String publisher,
      String journaled,
      boolean canResolve,
      List<HistoryView> history,
      List<VersionView> versions,
      List<DeliveryView> delivery,
      BlobView blob) {}

  public record HistoryView(int sequence, String when, String by) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record VersionView(
      String key,
      boolean current,
      int updates,
      boolean deleted,
      String by,
      String when,
      String path,
      String kind,
      Long size,
      String mtime,
      String blobId,
      String title) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record DeliveryView(
      String endpoint, String state, Integer updates, String reported, String reason) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record BlobView(
      String id,
      long size,
      int blockCount,
      List<BlockView> blocks,
      int blocksShown,
      List<HolderView> holders,
      String note) {}

  public record BlockView(int index, long offset, int size, String hash, List<String> heldBy) {}

  public record HolderView(
      String endpoint,
      boolean whole,
      int heldCount,
      List<int[]> ranges,
      List<String> addresses,
      String refreshed,
      String expires) {}

  public Detail of(Caller caller, JournalEntry entry) {
    Item item = entry.item();
    ItemRow row = ItemRow.of(entry);
    List<HistoryView> history = new ArrayList<>();
    for (History h : item.sync().history()) {
      history.add(new HistoryView(h.sequence(), time(h.when()), h.by()));
    }
    List<VersionView> versions = new ArrayList<>();
    versions.add(version(item, true));
    item.conflicts().forEach(c -> versions.add(version(c, false)));
    return new Detail(
        entry.namespace(),
        item.id(),
        row.path(),
        row.kind(),
        row.size(),
        item.updates(),
        item.isDeleted(),
        entry.cursor(),
        entry.publisher(),
        entry.journaledAt().toString(),
        caller.canWrite(entry.namespace()) && !item.conflicts().isEmpty(),
        history,
        versions,
        delivery(entry.namespace(), row),
        blob(caller, item).orElse(null));
  }

  private static VersionView version(Item v, boolean current) {
    History top = v.topmost();
    FileMeta f = v.payload().file();
    return new VersionView(
        ConflictResolver.key(v),
        current,
        v.updates(),
        v.isDeleted(),
        top.by(),
        time(top.when()),
        f == null ? null : f.path(),
        f == null ? null : f.kind().name().toLowerCase(java.util.Locale.ROOT),
        f == null ? null : f.size(),
        f == null ? null : time(f.mtime()),
        f == null ? null : f.blobId(),
        v.payload().title() == null ? null : v.payload().title().value());
  }

  private List<DeliveryView> delivery(String ns, ItemRow row) {
    List<String> endpoints = accounts.endpointsOf(ns).stream().map(Endpoint::id).toList();
    List<DeliveryView> out = new ArrayList<>();
    for (Delivery.Entry e : delivery.of(ns, row.id(), row.updates(), row.changedBy(), endpoints)) {
      out.add(
          new DeliveryView(
              e.endpoint(),
              e.state().name().toLowerCase(java.util.Locale.ROOT),
              e.latest() == null ? null : e.latest().updates(),
              e.latest() == null ? null : e.latest().reported().toString(),
              e.latest() == null ? null : e.latest().reason()));
    }
    return out;
  }

  private Optional<BlobView> blob(Caller caller, Item item) {
    FileMeta f = item.payload().file();
    if (item.isDeleted() || f == null || f.kind() != FileKind.FILE) {
      return Optional.empty();
    }
    List<LocatorInfo> locators;
    String note = null;
    try {
      BlobAnswer answer =
          lookup.blob(caller, new BlobId(f.blobId()), Optional.empty(), List.of(), false);
      locators = answer.locators();
    } catch (LookupException e) {
      locators = List.of();
      note = "The blob lookup knows no holder of this blob yet.";
    }
    List<HolderView> holders = new ArrayList<>();
    for (LocatorInfo l : locators) {
      holders.add(holder(l));
    }
    List<BlockView> blocks = new ArrayList<>();
    List<Block> all = f.blocks();
    for (int i = 0; i < all.size() && i < MAX_BLOCKS_SHOWN; i++) {
      Block b = all.get(i);
      List<String> heldBy = new ArrayList<>();
      for (LocatorInfo l : locators) {
        if (l.held().holds(i)) {
          heldBy.add(l.endpointId());
        }
      }
      blocks.add(new BlockView(i, b.offset(), b.size(), b.hash(), heldBy));
    }
    return Optional.of(
        new BlobView(f.blobId(), f.size(), all.size(), blocks, blocks.size(), holders, note));
  }

  private static HolderView holder(LocatorInfo l) {
    List<int[]> ranges = new ArrayList<>();
    l.held()
        .someRanges()
        .ifPresent(rs -> rs.forEach((BlockRange r) -> ranges.add(new int[] {r.first(), r.last()})));
    return new HolderView(
        l.endpointId(),
        l.held().isAll(),
        l.heldCount(),
        ranges,
        l.contact() == null ? List.of() : l.contact().peerUrls().stream().map(Object::toString)
            .toList(),
        time(l.refreshedAt()),
        time(l.expiresAt()));
  }

  private static String time(Instant t) {
    return t == null ? null : t.toString();
  }
}
