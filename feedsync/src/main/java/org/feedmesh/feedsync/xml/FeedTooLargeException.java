package org.feedmesh.feedsync.xml;

/**
 * The document went over one of the {@link XmlLimits}: {@link #limit()} names the setting (e.g.
 * {@code maxInputBytes}) and {@link #value()} its value, so the message can be acted on.
 */
public class FeedTooLargeException extends FeedXmlException {
  private static final long serialVersionUID = 1L;

  private final String what;
  private final String limit;
  private final long value;

  public FeedTooLargeException(String what, String limit, long value, int line, int column) {
    super(what + " (over " + limit + "=" + value + ")", line, column, null);
    this.what = what;
    this.limit = limit;
    this.value = value;
  }

  /** What went over the limit, without the limit and location. */
  public String what() {
    return what;
  }

  public String limit() {
    return limit;
  }

  public long value() {
    return value;
  }
}
