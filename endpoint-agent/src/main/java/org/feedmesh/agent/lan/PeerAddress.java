package org.feedmesh.agent.lan;

import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A peer given by address, as in {@code --peer HOST:PORT} ({@code [IPv6]:PORT} for IPv6 literals).
 */
public record PeerAddress(String host, int port) {
  private static final Pattern FORM =
      Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9.-]+):(\\d{1,5})");

  public PeerAddress {
    if (host == null || host.isEmpty() || host.length() > 255) {
      throw new IllegalArgumentException("a peer host is 1-255 characters, got " + host);
    }
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("a peer port is 1-65535, got " + port);
    }
  }

  /**
   * @throws IllegalArgumentException unless {@code hostPort} is {@code HOST:PORT} or {@code
   *     [IPv6]:PORT}
   */
  public static PeerAddress parse(String hostPort) {
    Matcher m = FORM.matcher(hostPort == null ? "" : hostPort.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "a peer is HOST:PORT or [IPv6]:PORT, got \"" + hostPort + "\"");
    }
    String host = m.group(1);
    if (host.startsWith("[")) {
      host = host.substring(1, host.length() - 1);
    }
    return new PeerAddress(host, Integer.parseInt(m.group(2)));
  }

  /** {@code http://HOST:PORT/}. */
  public URI baseUrl() {
    String h = host.contains(":") ? "[" + host + "]" : host;
    return URI.create("http://" + h + ":" + port + "/");
  }
}
