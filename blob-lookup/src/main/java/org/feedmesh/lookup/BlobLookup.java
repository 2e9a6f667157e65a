package org.feedmesh.lookup;

import java.time.Clock;
import java.util.Objects;
import org.feedmesh.lookup.http.BlobResource;
import org.feedmesh.lookup.store.H2LookupStore;
import org.feedmesh.lookup.store.LookupSchema;
import org.feedmesh.platform.db.Database;
import org.glassfish.jersey.server.ResourceConfig;

/**
 * The blob lookup's parts on one database, wired: what the feed server embeds (in its own database
 * file and HTTP server) and what {@code feedmesh lookup} runs alone.
 *
 * <pre>{@code
 * BlobLookup lookup = BlobLookup.open(db, LookupSettings.defaults(), clock, accounts::exists);
 * lookup.addResourcesTo(app);          // app also registers the platform AuthFeature
 * lookup.service().itemPublished(endpointId, namespace, BlobLayout.of(fileMeta));
 * ...
 * lookup.close();                       // stops the sweeper; the owner closes the database
 * }</pre>
 */
public final class BlobLookup implements AutoCloseable {
  private final LookupService service;
  private final LookupSweeper sweeper;

  private BlobLookup(LookupService service, LookupSweeper sweeper) {
    this.service = service;
    this.sweeper = sweeper;
  }

  /**
   * Brings the lookup schema in {@code db} up to date, builds the service and starts the sweeper.
   *
   * @param directory which endpoints exist (refuses admin registrations for others)
   */
  public static BlobLookup open(
      Database db, LookupSettings settings, Clock clock, EndpointDirectory directory) {
    Objects.requireNonNull(db, "db");
    db.migrate(LookupSchema.migrations());
    return wire(new H2LookupStore(db), settings, clock, directory);
  }

  /**
   * As {@link #open(Database, LookupSettings, Clock, EndpointDirectory)} for a lookup that owns no
   * accounts (standalone): the endpoints it knows are those that registered or sent a heartbeat.
   */
  public static BlobLookup open(Database db, LookupSettings settings, Clock clock) {
    Objects.requireNonNull(db, "db");
    db.migrate(LookupSchema.migrations());
    H2LookupStore store = new H2LookupStore(db);
    return wire(store, settings, clock, store::knowsEndpoint);
  }

  private static BlobLookup wire(
      H2LookupStore store, LookupSettings settings, Clock clock, EndpointDirectory directory) {
    LookupService service = new LookupService(store, settings, clock, directory);
    return new BlobLookup(service, LookupSweeper.start(service, settings.sweepInterval()));
  }

  public LookupService service() {
    return service;
  }

  /** Registers the lookup's resources ({@code /blobs/...}) on a Jersey application. */
  public ResourceConfig addResourcesTo(ResourceConfig app) {
    return app.register(new BlobResource(service));
  }

  /** Stops the sweeper. The database belongs to the caller. */
  @Override
  public void close() {
    sweeper.close();
  }
}
