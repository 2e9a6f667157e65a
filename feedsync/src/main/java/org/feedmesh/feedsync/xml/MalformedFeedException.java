package org.feedmesh.feedsync.xml;

/**
 * The document is not well-formed XML, or it is well-formed but not an Atom 1.0 feed, an Atom entry
 * or an RSS 2.0 document where one was expected.
 */
public class MalformedFeedException extends FeedXmlException {
  private static final long serialVersionUID = 1L;

  public MalformedFeedException(String message, int line, int column) {
    super(message, line, column, null);
  }

  public MalformedFeedException(String message, int line, int column, Throwable cause) {
    super(message, line, column, cause);
  }
}
