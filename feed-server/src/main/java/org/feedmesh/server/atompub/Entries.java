package org.feedmesh.server.atompub;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.feedmesh.feedsync.Item;
import org.feedmesh.feedsync.merge.Subsumption;
import org.feedmesh.feedsync.xml.AtomEntry;
import org.feedmesh.feedsync.xml.EntryXml;
import org.feedmesh.feedsync.xml.FeedFormat;
import org.feedmesh.feedsync.xml.XmlLimits;
import org.feedmesh.platform.auth.Caller;
import org.feedmesh.platform.http.ApiException;
import org.feedmesh.server.feeds.Etags;
import org.feedmesh.server.feeds.FeedLinks;
import org.feedmesh.server.journal.Journal;
import org.feedmesh.server.journal.JournalEntry;
import org.feedmesh.server.journal.PublishResult;

/**
 * AtomPub (RFC 5023) members of a namespace collection, and FeedSync change packets (seed 001).
 *
 * <ul>
 *   <li>create ({@code POST /feeds/{ns}} with an entry): a plain Atom entry gets {@code sx:sync}
 *       from the server (a new id, the caller as {@code by}); an entry with {@code sx:sync} must be
 *       new. 201 with {@code Location} and {@code ETag}.
 *   <li>replace ({@code PUT}): a stale {@code If-Match} → 412. An entry with {@code sx:sync} is a
 *       change packet: unless its history covers every change the server's version has, 409 with
 *       the server's version as the body. A plain entry becomes the next update of the stored item.
 *   <li>delete ({@code DELETE}): a tombstone update; deleting a tombstone changes nothing.
 * </ul>
 *
 * Every check runs inside the journal's transaction; a refused request stores and journals nothing.
 * ETags are the item's current journal cursor, so any change (conflicts included) changes them.
 */
public final class Entries {
  public static final String ENTRY_TYPE = FeedFormat.ATOM_ENTRY_MEDIA_TYPE;

  private final Journal journal;
  private final XmlLimits limits;
  private final Clock clock;

  public Entries(Journal journal, XmlLimits limits, Clock clock) {
    this.journal = Objects.requireNonNull(journal, "journal");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Whether a request body is a single Atom entry ({@code application/atom+xml;type=entry}). */
  public static boolean isEntry(MediaType type) {
    return type != null
        && type.getType().equalsIgnoreCase("application")
        && type.getSubtype().equalsIgnoreCase("atom+xml")
        && "entry".equalsIgnoreCase(type.getParameters().get("type"));
  }

  public Response create(Caller caller, String ns, FeedLinks links, InputStream body) {
    AtomEntry entry = EntryXml.read(body, limits);
    Item item =
        entry.hasSync()
            ? entry.toItem()
            : Item.create(
                UUID.randomUUID().toString(), caller.id(), clock.instant(), entry.payload());
    PublishResult result =
        journal.change(
            ns,
            caller,
            item.id(),
            current -> {
              if (current.isPresent()) {
                throw new ApiException(
                    409,
                    "item "
                        + item.id()
                        + " exists; PUT to "
                        + links.item(item.id())
                        + " to change it",
                    Map.of("item", item.id()));
              }
              return item;
            });
    long cursor = result.lastCursor();
    return Response.created(links.item(item.id()))
        .tag(etag(cursor))
        .entity(bytes(result.merged().get(0)))
        .type(ENTRY_TYPE + ";charset=utf-8")
        .build();
  }

  public Response read(String ns, String id) {
    JournalEntry current = require(journal.currentEntry(ns, id), ns, id);
    return Response.ok(bytes(current.item()))
        .type(ENTRY_TYPE + ";charset=utf-8")
        .tag(etag(current.cursor()))
        .build();
  }

  public Response replace(Caller caller, String ns, String id, String ifMatch, InputStream body) {
    AtomEntry entry = EntryXml.read(body, limits);
    PublishResult result =
        journal.change(
            ns,
            caller,
            id,
            found -> {
              JournalEntry current = require(found, ns, id);
              checkIfMatch(ifMatch, current);
              if (!entry.hasSync()) {
                return current.item().updated(caller.id(), clock.instant(), entry.payload());
              }
              Item packet = entry.toItem();
              if (!Subsumption.isHistorySubsumedBy(current.item().withoutConflicts(), packet)) {
                throw new WebApplicationException(
                    Response.status(409)
                        .type(ENTRY_TYPE + ";charset=utf-8")
                        .tag(etag(current.cursor()))
                        .header(
                            "X-FeedMesh-Error",
                            "the change packet's history does not contain every change the server"
                                + " has; merge the server's version (this body) and retry")
                        .entity(bytes(current.item()))
                        .build());
              }
              return packet;
            });
    Item now = result.merged().get(0);
    long cursor =
        result.journaled().isEmpty()
            ? journal.currentEntry(ns, id).map(JournalEntry::cursor).orElse(result.lastCursor())
            : result.journaled().get(0).cursor();
    return Response.ok(bytes(now)).type(ENTRY_TYPE + ";charset=utf-8").tag(etag(cursor)).build();
  }

  public Response delete(Caller caller, String ns, String id, String ifMatch) {
    journal.change(
        ns,
        caller,
        id,
        found -> {
          JournalEntry current = require(found, ns, id);
          checkIfMatch(ifMatch, current);
          return current.item().isDeleted()
              ? current.item()
              : current.item().deleted(caller.id(), clock.instant(), false);
        });
    return Response.noContent().build();
  }

  private static void checkIfMatch(String ifMatch, JournalEntry current) {
    if (ifMatch != null && !Etags.matches(ifMatch, Long.toString(current.cursor()))) {
      throw new ApiException(
          412,
          "If-Match "
              + ifMatch
              + " is stale: the item's ETag is now \""
              + current.cursor()
              + "\"; GET it, apply your change again and retry",
          Map.of("item", current.item().id(), "etag", Long.toString(current.cursor())));
    }
  }

  private static JournalEntry require(Optional<JournalEntry> entry, String ns, String id) {
    return entry.orElseThrow(
        () ->
            new ApiException(
                404, "item " + id + " is not in namespace '" + ns + "'", Map.of("item", id)));
  }

  private static EntityTag etag(long cursor) {
    return new EntityTag(Long.toString(cursor));
  }

  private static byte[] bytes(Item item) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      EntryXml.write(item, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
