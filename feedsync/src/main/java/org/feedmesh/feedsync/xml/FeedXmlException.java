package org.feedmesh.feedsync.xml;

import org.feedmesh.feedsync.FeedSyncException;

/**
 * A feed or entry document was refused while it was being read: unsafe XML ({@link
 * UnsafeXmlException}), not well-formed or not Atom/RSS ({@link MalformedFeedException}), or over a
 * limit ({@link FeedTooLargeException}). Invalid FeedSync values inside a well-formed document are
 * {@link org.feedmesh.feedsync.InvalidFeedSyncException}s instead.
 *
 * <p>Carries the line and column where the problem was seen when the parser knew them ({@code -1}
 * otherwise); the message already includes them.
 */
public abstract class FeedXmlException extends FeedSyncException {
  private static final long serialVersionUID = 1L;

  private final int line;
  private final int column;

  protected FeedXmlException(String message, int line, int column, Throwable cause) {
    super(message + where(line, column), cause);
    this.line = line;
    this.column = column;
  }

  public int line() {
    return line;
  }

  public int column() {
    return column;
  }

  private static String where(int line, int column) {
    if (line < 0) {
      return "";
    }
    return column < 0 ? " (line " + line + ")" : " (line " + line + ", column " + column + ")";
  }
}
