package org.feedmesh.lookup.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import okhttp3.OkHttpClient;
import org.feedmesh.lookup.BlobLookup;
import org.feedmesh.lookup.LookupSettings;
import org.feedmesh.lookup.MutableClock;
import org.feedmesh.lookup.TokenTable;
import org.feedmesh.lookup.client.LookupClient;
import org.feedmesh.platform.auth.AuthFeature;
import org.feedmesh.platform.db.Database;
import org.feedmesh.platform.http.HttpServer;
import org.feedmesh.platform.http.HttpSettings;
import org.glassfish.jersey.server.ResourceConfig;

/**
 * The lookup embedded as the feed server embeds it: its resources in a platform HTTP server on a
 * random loopback port, its tables in a platform Database file in a temporary folder, a clock the
 * test moves, and real tokens.
 */
public final class EmbeddedLookupServer implements AutoCloseable {
  public static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

  public final MutableClock clock = new MutableClock(START);
  public final TokenTable tokens = new TokenTable();
  public final OkHttpClient http = new OkHttpClient();
  private final Database db;
  private final BlobLookup lookup;
  private final HttpServer server;

  public EmbeddedLookupServer(Path dir, LookupSettings settings) {
    try {
      db = Database.open(dir, "feedmesh");
      lookup = BlobLookup.open(db, settings, clock, tokens);
      ResourceConfig app = new ResourceConfig().register(new AuthFeature(tokens));
      lookup.addResourcesTo(app);
      server = new HttpServer(HttpSettings.loopback().withMaxBodyBytes(4 << 20), app);
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public BlobLookup lookup() {
    return lookup;
  }

  public URI baseUri() {
    return server.baseUri();
  }

  public LookupClient client(String token) {
    return new LookupClient(http, baseUri(), token);
  }

  /** Rows in one of the lookup's tables: proof that a refused request stored nothing. */
  public long rows(String table) {
    return db.read(
        c -> {
          try (Statement s = c.createStatement();
              ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }

  /** Rows in every lookup table that requests can write, as one string for assertions. */
  public String allRows() {
    return "blobs="
        + rows("lookup_blob")
        + " blocks="
        + rows("lookup_block")
        + " namespaces="
        + rows("lookup_blob_namespace")
        + " endpoints="
        + rows("lookup_endpoint")
        + " locators="
        + rows("lookup_locator");
  }

  @Override
  public void close() {
    server.close();
    lookup.close();
    db.close();
  }
}
