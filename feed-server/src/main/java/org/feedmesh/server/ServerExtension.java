package org.feedmesh.server;

import java.io.IOException;
import java.util.Set;
import org.glassfish.jersey.server.ResourceConfig;

/**
 * A part served by the feed server that the feed server does not depend on, such as the browser
 * view: the process's composition root (e.g. {@code feedmesh server}) hands extensions to {@link
 * FeedServer#start(ServerConfig, java.time.Clock, java.security.SecureRandom, java.util.List)},
 * which installs each once, after its own parts are built and before HTTP starts.
 *
 * <p>An extension is a factory: it may be installed into several servers one after another (tests
 * do); the state of one installation belongs to the {@link AutoCloseable} it returns, which the
 * server closes when it stops, after HTTP and before the database.
 */
public interface ServerExtension {
  /**
   * Paths the token filter lets through because the extension authenticates them itself (exact
   * paths, or prefixes ending in {@code /*}). Every other path still needs a token.
   */
  default Set<String> openPaths() {
    return Set.of();
  }

  /**
   * Registers the extension's resources and providers on {@code app} and its listeners on the
   * server's parts.
   *
   * @return what to close when the server stops
   * @throws IOException when the extension cannot start; the server then does not start either
   */
  AutoCloseable install(ServerParts parts, ResourceConfig app) throws IOException;
}
