package org.feedmesh.webapp;

import java.util.Objects;
import java.util.Set;
import org.feedmesh.server.ServerExtension;
import org.feedmesh.server.ServerParts;
import org.feedmesh.server.accounts.AccountStore;
import org.feedmesh.server.accounts.Endpoint;
import org.feedmesh.server.accounts.Namespace;
import org.feedmesh.webapp.endpoints.EndpointsResource;
import org.feedmesh.webapp.endpoints.LanPeerStore;
import org.feedmesh.webapp.endpoints.TransferTally;
import org.feedmesh.webapp.items.ConflictResolver;
import org.feedmesh.webapp.items.Delivery;
import org.feedmesh.webapp.items.ItemDetails;
import org.feedmesh.webapp.items.ItemIndex;
import org.feedmesh.webapp.items.ItemResource;
import org.feedmesh.webapp.items.NamespacesResource;
import org.feedmesh.webapp.live.EventsResource;
import org.feedmesh.webapp.live.LiveEvents;
import org.feedmesh.webapp.pages.AssetResource;
import org.feedmesh.webapp.pages.PageResource;
import org.feedmesh.webapp.pages.SecurityHeaders;
import org.feedmesh.webapp.session.Csrf;
import org.feedmesh.webapp.session.SessionFilter;
import org.feedmesh.webapp.session.Sessions;
import org.feedmesh.webapp.session.SignInResource;
import org.glassfish.jersey.server.ResourceConfig;

/**
 * The browser view, as a {@link ServerExtension} of the feed server: the composition root of the
 * view's parts. It serves {@code /} and {@code /ui/...} (authenticated by its own session cookie;
 * every other path keeps needing a token), follows the journal, status reports and endpoint
 * announcements, and keeps its own tables in the server's database.
 *
 * <pre>{@code
 * FeedServer.start(config, clock, random, List.of(new WebApp()));
 * }</pre>
 */
public final class WebApp implements ServerExtension {
  /** The paths the view authenticates itself. */
  public static final Set<String> PATHS = Set.of("/", "/ui", "/ui/*");

  private final WebSettings settings;

  public WebApp() {
    this(WebSettings.defaults());
  }

  public WebApp(WebSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  @Override
  public Set<String> openPaths() {
    return PATHS;
  }

  @Override
  public AutoCloseable install(ServerParts parts, ResourceConfig app) {
    parts.database().migrate(WebSchema.MIGRATIONS);
    AccountStore accounts = parts.accounts();
    Sessions sessions = new Sessions(settings, parts.clock(), parts.random());
    LiveEvents live = new LiveEvents(settings.heartbeat(), sessions::isLive);
    ItemIndex index = new ItemIndex(parts.database(), parts.journal(), live::journaled);
    LanPeerStore lanPeers = new LanPeerStore(parts.database(), parts.clock());
    TransferTally transfers = new TransferTally(parts.clock(), settings.transferWindow());

    parts.journal().addListener(index);
    parts.status().addListener((ns, events, versions) -> live.reported(ns));
    accounts.addListener(
        new AccountStore.Listener() {
          @Override
          public void announced(Endpoint endpoint) {
            live.endpointsChanged();
          }

          @Override
          public void revoked(String endpointId) {
            live.endpointsChanged();
          }
        });
    parts
        .peerReports()
        .addListener(
            (endpointId, report) -> {
              transfers.add(endpointId, report.transfers());
              if (report.lanPeers() != null) {
                lanPeers.replace(endpointId, report.lanPeers());
              }
              live.endpointsChanged();
            });

    Csrf csrf = new Csrf(parts.config().publicUrl());
    Delivery delivery = new Delivery(parts.status());
    PageResource pages = new PageResource(accounts, parts.config().publicUrl());
    app.register(new SessionFilter(sessions, accounts))
        .register(new SecurityHeaders())
        .register(new SignInResource(sessions, accounts, csrf, settings))
        .register(pages)
        .register(new PageResource.Home(pages))
        .register(new AssetResource())
        .register(new NamespacesResource(accounts, parts.journal(), index, delivery))
        .register(
            new ItemResource(
                parts.journal(),
                new ItemDetails(accounts, delivery, parts.lookup()),
                new ConflictResolver(parts.journal(), parts.clock()),
                csrf))
        .register(
            new EndpointsResource(
                accounts, lanPeers, transfers, parts.clock(), settings.onlineWindow()))
        .register(new EventsResource(live));

    index.catchUp(accounts.namespaces().stream().map(Namespace::name).toList());
    return () -> {
      live.close();
      index.close();
    };
  }
}
