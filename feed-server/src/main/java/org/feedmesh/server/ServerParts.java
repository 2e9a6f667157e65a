package org.feedmesh.server;

import io.micrometer.core.instrument.MeterRegistry;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import org.feedmesh.lookup.LookupService;
import org.feedmesh.platform.db.Database;
import org.feedmesh.server.accounts.AccountStore;
import org.feedmesh.server.journal.Journal;
import org.feedmesh.server.registry.PeerReports;
import org.feedmesh.server.status.StatusStore;

/**
 * The parts of a feed server that a {@link ServerExtension} may use, handed to it while the server
 * is being built (so: register listeners, do not publish yet).
 *
 * @param database the server's database; an extension keeps its own tables there, migrated under
 *     its own component name
 */
public record ServerParts(
    ServerConfig config,
    Clock clock,
    SecureRandom random,
    Database database,
    AccountStore accounts,
    Journal journal,
    StatusStore status,
    LookupService lookup,
    PeerReports peerReports,
    MeterRegistry metrics) {
  public ServerParts {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(random, "random");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(accounts, "accounts");
    Objects.requireNonNull(journal, "journal");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(lookup, "lookup");
    Objects.requireNonNull(peerReports, "peerReports");
    Objects.requireNonNull(metrics, "metrics");
  }
}
