package org.feedmesh.feedsync.xml;

/**
 * The document uses XML features we never process because they are the usual attack vectors: a
 * DOCTYPE (internal or external DTD, hence entity declarations, XXE and entity expansion such as
 * "billion laughs") or a reference to a non-predefined entity. Nothing of the DTD is ever read,
 * resolved or echoed in the message.
 */
public class UnsafeXmlException extends FeedXmlException {
  private static final long serialVersionUID = 1L;

  public UnsafeXmlException(String message, int line, int column) {
    super(message, line, column, null);
  }
}
