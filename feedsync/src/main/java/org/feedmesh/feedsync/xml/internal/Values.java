package org.feedmesh.feedsync.xml.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import org.feedmesh.feedsync.InvalidFeedSyncException;
import org.jdom2.Element;

/** Strict readers for attribute values of the {@code sx:} and {@code fm:} elements. */
final class Values {
  private Values() {}

  static String required(Element e, String name) {
    String v = e.getAttributeValue(name);
    if (v == null) {
      throw new InvalidFeedSyncException(qname(e) + " needs a " + name + " attribute");
    }
    return v;
  }

  /** A decimal integer in 1..2^31-1. */
  static int positiveInt(Element e, String name, String value) {
    long n = digits(e, name, value);
    if (n < 1 || n > Integer.MAX_VALUE) {
      throw new InvalidFeedSyncException(
          qname(e) + "/@" + name + " must be in 1..2147483647, got \"" + value + "\"");
    }
    return (int) n;
  }

  /** A non-negative decimal {@code long}. */
  static long nonNegativeLong(Element e, String name, String value) {
    return digits(e, name, value);
  }

  static boolean bool(Element e, String name) {
    String v = e.getAttributeValue(name);
    if (v == null || v.equals("false")) {
      return false;
    }
    if (v.equals("true")) {
      return true;
    }
    throw new InvalidFeedSyncException(
        qname(e) + "/@" + name + " must be true or false, got \"" + shorten(v) + "\"");
  }

  static Instant time(Element e, String name) {
    String v = e.getAttributeValue(name);
    if (v == null) {
      return null;
    }
    try {
      return Times.parse(v);
    } catch (InvalidFeedSyncException ex) {
      throw new InvalidFeedSyncException(qname(e) + "/@" + name + ": " + ex.getMessage(), ex);
    }
  }

  static URI uri(Element e, String name, String value) {
    try {
      return new URI(value.strip());
    } catch (URISyntaxException ex) {
      throw new InvalidFeedSyncException(
          qname(e) + "/@" + name + " is not a URI: \"" + shorten(value) + "\"", ex);
    }
  }

  static String qname(Element e) {
    return e.getQualifiedName();
  }

  static String shorten(String s) {
    return s.length() > 80 ? s.substring(0, 80) + "…" : s;
  }

  private static long digits(Element e, String name, String value) {
    if (value.isEmpty()) {
      throw notNumber(e, name, value);
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        throw notNumber(e, name, value);
      }
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException ex) {
      throw new InvalidFeedSyncException(
          qname(e) + "/@" + name + " is out of range: \"" + shorten(value) + "\"", ex);
    }
  }

  private static InvalidFeedSyncException notNumber(Element e, String name, String value) {
    return new InvalidFeedSyncException(
        qname(e) + "/@" + name + " must be a decimal number, got \"" + shorten(value) + "\"");
  }
}
