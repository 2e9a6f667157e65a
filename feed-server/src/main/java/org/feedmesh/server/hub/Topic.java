package org.feedmesh.server.hub;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.feedmesh.feedsync.xml.FeedFormat;
import org.feedmesh.platform.http.ApiException;
import org.feedmesh.server.accounts.Names;

/**
 * A feed of this server that can be subscribed to: {@code {base}feeds/{ns}} (Atom) or {@code
 * {base}feeds/{ns}?format=rss} (RSS 2.0), where {@code base} is the server's public URL or the URL
 * the request came in on.
 *
 * @param url the topic exactly as the subscriber gave it (echoed in verification, sent as {@code
 *     rel="self"}); a subscription is identified by this string and its callback
 * @param namespace the namespace whose feed it is
 * @param format the feed's format, which decides the distribution body and its Content-Type
 */
public record Topic(String url, String namespace, FeedFormat format) {

  public Topic {
    Objects.requireNonNull(url, "url");
    Names.namespace(namespace);
    Objects.requireNonNull(format, "format");
  }

  /**
   * Resolves a {@code hub.topic} against the base URLs this server answers on.
   *
   * @param bases base URLs ending in {@code /}, e.g. {@code http://host:8080/}
   * @throws ApiException 400 when it is not a feed URL of this server
   */
  public static Topic parse(String text, List<URI> bases) {
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw refused(text, bases, "it is not a valid URL");
    }
    if (uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
      throw refused(text, bases, "a topic has no fragment or user info");
    }
    for (URI base : bases) {
      String rest = under(uri, base);
      if (rest == null) {
        continue;
      }
      if (!rest.startsWith("feeds/") || !Names.NAME.matcher(rest.substring(6)).matches()) {
        throw refused(text, bases, "this server's topics are its feeds, " + base + "feeds/NAME");
      }
      return new Topic(text, rest.substring(6), format(text, bases, uri.getRawQuery()));
    }
    throw refused(text, bases, "it is not a URL of this hub's server");
  }

  /** The path of {@code uri} below {@code base}, or null when {@code uri} is not under it. */
  private static String under(URI uri, URI base) {
    if (uri.getScheme() == null
        || uri.getHost() == null
        || !uri.getScheme().equalsIgnoreCase(base.getScheme())
        || !uri.getHost().equalsIgnoreCase(base.getHost())
        || port(uri) != port(base)) {
      return null;
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    String basePath =
        base.getRawPath() == null || base.getRawPath().isEmpty() ? "/" : base.getRawPath();
    return path.startsWith(basePath) ? path.substring(basePath.length()) : null;
  }

  private static int port(URI uri) {
    if (uri.getPort() >= 0) {
      return uri.getPort();
    }
    return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }

  /** The feed's id: the topic without its query (what {@code GET /feeds/{ns}} calls itself). */
  public String feedId() {
    int q = url.indexOf('?');
    return q < 0 ? url : url.substring(0, q);
  }

  /** The Content-Type of the topic, as {@code GET} serves it. */
  public String contentType() {
    return format.mediaType() + ";charset=utf-8";
  }

  private static FeedFormat format(String text, List<URI> bases, String query) {
    if (query == null || query.isEmpty()) {
      return FeedFormat.ATOM;
    }
    String q = query.toLowerCase(Locale.ROOT);
    if (q.equals("format=rss")) {
      return FeedFormat.RSS;
    }
    if (q.equals("format=atom")) {
      return FeedFormat.ATOM;
    }
    throw refused(text, bases, "the only query a topic may carry is format=rss or format=atom");
  }

  private static ApiException refused(String text, List<URI> bases, String why) {
    String shown = text.length() > 200 ? text.substring(0, 200) + "..." : text;
    return new ApiException(
        400,
        "hub.topic '" + shown + "' is not a feed of this server: " + why,
        Map.of(
            "topic",
            shown,
            "expected",
            bases.isEmpty() ? "feeds/NAME" : bases.get(0) + "feeds/NAME[?format=rss]"));
  }
}
