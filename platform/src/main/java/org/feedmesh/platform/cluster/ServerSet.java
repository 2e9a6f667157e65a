package org.feedmesh.platform.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.HttpUrl;

/**
 * The feed servers a client may talk to ({@code --server P_URL,S_URL}), which one it currently
 * takes for the approver, and the highest approval epoch it has seen. Shared by every request of a
 * client; thread-safe. The list is fixed; {@link #current()} and {@link #epoch()} change.
 */
public final class ServerSet {
  private final List<HttpUrl> servers;
  private final AtomicInteger current = new AtomicInteger();
  private final AtomicLong epoch = new AtomicLong();

  /**
   * @param servers base URLs ({@code http(s)://host:port/...}), the primary first; at least one, no
   *     two with the same scheme, host and port
   */
  public ServerSet(List<HttpUrl> servers) {
    Objects.requireNonNull(servers, "servers");
    if (servers.isEmpty()) {
      throw new IllegalArgumentException("give at least one server URL");
    }
    List<HttpUrl> copy = new ArrayList<>();
    for (HttpUrl url : servers) {
      Objects.requireNonNull(url, "server URL");
      for (HttpUrl seen : copy) {
        if (sameOrigin(seen, url)) {
          throw new IllegalArgumentException("server " + url + " is listed twice in " + servers);
        }
      }
      copy.add(url);
    }
    this.servers = List.copyOf(copy);
  }

  /**
   * Parses a comma-separated list such as {@code http://a:8080/,http://b:8080/}.
   *
   * @throws IllegalArgumentException naming the entry that is not an http(s) URL
   */
  public static ServerSet parse(String commaSeparated) {
    Objects.requireNonNull(commaSeparated, "server list");
    List<HttpUrl> urls = new ArrayList<>();
    for (String part : commaSeparated.split(",")) {
      String s = part.strip();
      if (s.isEmpty()) {
        continue;
      }
      HttpUrl url = HttpUrl.parse(s);
      if (url == null) {
        throw new IllegalArgumentException("not an http(s) URL in the server list: '" + s + "'");
      }
      urls.add(url);
    }
    return new ServerSet(urls);
  }

  public List<HttpUrl> servers() {
    return servers;
  }

  /** The server requests go to now. */
  public HttpUrl current() {
    return servers.get(current.get());
  }

  /** The highest epoch seen in any response (0 before any). */
  public long epoch() {
    return epoch.get();
  }

  /** Raises the known epoch to {@code seen} if that is higher; epochs never go down. */
  public void observeEpoch(long seen) {
    epoch.accumulateAndGet(seen, Math::max);
  }

  /** The listed server with the same scheme, host and port as {@code url}, if any. */
  public Optional<HttpUrl> find(HttpUrl url) {
    return servers.stream().filter(s -> sameOrigin(s, url)).findFirst();
  }

  /** Makes {@code server} (one of the listed ones) current; ignored when it is not listed. */
  public void switchTo(HttpUrl server) {
    int i = indexOf(server);
    if (i >= 0) {
      current.set(i);
    }
  }

  /**
   * Moves on from {@code failed} to the next listed server, unless another request already moved
   * on. Returns the server now current.
   */
  public HttpUrl advancePast(HttpUrl failed) {
    int i = indexOf(failed);
    if (i >= 0) {
      current.compareAndSet(i, (i + 1) % servers.size());
    }
    return current();
  }

  private int indexOf(HttpUrl url) {
    for (int i = 0; i < servers.size(); i++) {
      if (sameOrigin(servers.get(i), url)) {
        return i;
      }
    }
    return -1;
  }

  static boolean sameOrigin(HttpUrl a, HttpUrl b) {
    return a.scheme().equals(b.scheme()) && a.host().equals(b.host()) && a.port() == b.port();
  }

  @Override
  public String toString() {
    return "ServerSet" + servers + " current=" + current() + " epoch=" + epoch();
  }
}
