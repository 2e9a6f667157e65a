package org.feedmesh.server.hub;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes the feed document a distribution carries, in the topic's format (Atom or RSS 2.0 with the
 * FeedSync elements), with the topic as {@code rel="self"} and the hub as {@code rel="hub"}. Called
 * on the hub's dispatch thread; must not close {@code out}.
 */
@FunctionalInterface
public interface NotificationWriter {
  void write(Notification notification, OutputStream out) throws IOException;
}
