package org.feedmesh.feedsync;

import java.net.URI;
import java.util.Objects;

/** {@code sx:related}: another feed that is the complete or an aggregated view of this one. */
public record Related(URI link, Type type, String title) {

  public enum Type {
    COMPLETE("complete"),
    AGGREGATED("aggregated");

    private final String xml;

    Type(String xml) {
      this.xml = xml;
    }

    public String xml() {
      return xml;
    }

    public static Type fromXml(String value) {
      for (Type t : values()) {
        if (t.xml.equals(value)) {
          return t;
        }
      }
      throw new InvalidFeedSyncException(
          "sx:related/@type must be complete or aggregated, got " + Nss.quote(value));
    }
  }

  public Related {
    if (link == null) {
      throw new InvalidFeedSyncException("sx:related needs a link");
    }
    Objects.requireNonNull(type, "sx:related needs a type");
  }
}
