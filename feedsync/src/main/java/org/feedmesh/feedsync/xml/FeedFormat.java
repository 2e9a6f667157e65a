package org.feedmesh.feedsync.xml;

import java.util.Locale;
import java.util.Optional;

/** The two feed formats FeedSync binds to. */
public enum FeedFormat {
  ATOM("application/atom+xml"),
  RSS("application/rss+xml");

  /** Media type of a single Atom entry document (AtomPub, RFC 5023). */
  public static final String ATOM_ENTRY_MEDIA_TYPE = "application/atom+xml;type=entry";

  private final String mediaType;

  FeedFormat(String mediaType) {
    this.mediaType = mediaType;
  }

  public String mediaType() {
    return mediaType;
  }

  /**
   * The format a media type names, parameters ignored ({@code application/atom+xml;type=feed} is
   * Atom); empty for anything else, including {@code application/xml}.
   */
  public static Optional<FeedFormat> ofMediaType(String mediaType) {
    if (mediaType == null) {
      return Optional.empty();
    }
    int semi = mediaType.indexOf(';');
    String bare = (semi < 0 ? mediaType : mediaType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    for (FeedFormat f : values()) {
      if (f.mediaType.equals(bare)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }
}
