package org.feedmesh.feedsync.xml;

/**
 * How much of a document the readers accept before refusing it with a {@link
 * FeedTooLargeException}. Immutable; build variants from {@link #DEFAULT} with the {@code with...}
 * methods, e.g. {@code XmlLimits.DEFAULT.withMaxInputBytes(64 << 20)} for a request body.
 *
 * <p>Memory, not time, is what these bound: a reader holds at most one item (or one head element)
 * at a time, so its memory is about {@code maxItemBytes} and {@code maxItemElements} worth of
 * markup, whatever {@code maxInputBytes} is.
 *
 * @param maxInputBytes bytes of the whole document, as read from the stream (default 1 GiB)
 * @param maxItemBytes bytes of one item, of the feed head (everything before the first item) or of
 *     one entry document, measured on the input stream, so exact to within the parser's read-ahead
 *     of a few KiB (default 16 MiB: an {@code fm:file} of about 150,000 blocks)
 * @param maxItemElements elements in one item or head element, conflicts included (default
 *     262,144), which bounds the objects held for it
 * @param maxDepth element nesting anywhere in the document, the root being depth 1 (default 64;
 *     at least 8, the depth of a history entry inside an RSS conflict)
 * @param maxAttributes attributes (namespace declarations included) on one element (default 64)
 * @param maxConflicts versions in one item's {@code sx:conflicts} (default 1,000)
 */
public record XmlLimits(
    long maxInputBytes,
    long maxItemBytes,
    int maxItemElements,
    int maxDepth,
    int maxAttributes,
    int maxConflicts) {

  /** Depth of {@code rss/channel/item/sx:sync/sx:conflicts/item/sx:sync/sx:history}. */
  public static final int MIN_DEPTH = 8;

  public static final XmlLimits DEFAULT =
      new XmlLimits(1L << 30, 16L << 20, 1 << 18, 64, 64, 1_000);

  public XmlLimits {
    positive("maxInputBytes", maxInputBytes);
    positive("maxItemBytes", maxItemBytes);
    positive("maxItemElements", maxItemElements);
    positive("maxAttributes", maxAttributes);
    positive("maxConflicts", maxConflicts);
    if (maxDepth < MIN_DEPTH) {
      throw new IllegalArgumentException("maxDepth must be at least " + MIN_DEPTH
          + " (a history entry inside a conflict of an RSS item is that deep), got " + maxDepth);
    }
  }

  public XmlLimits withMaxInputBytes(long value) {
    return new XmlLimits(value, maxItemBytes, maxItemElements, maxDepth, maxAttributes, maxConflicts);
  }

  public XmlLimits withMaxItemBytes(long value) {
    return new XmlLimits(maxInputBytes, value, maxItemElements, maxDepth, maxAttributes, maxConflicts);
  }

  public XmlLimits withMaxItemElements(int value) {
    return new XmlLimits(maxInputBytes, maxItemBytes, value, maxDepth, maxAttributes, maxConflicts);
  }

  public XmlLimits withMaxDepth(int value) {
    return new XmlLimits(maxInputBytes, maxItemBytes, maxItemElements, value, maxAttributes, maxConflicts);
  }

  public XmlLimits withMaxAttributes(int value) {
    return new XmlLimits(maxInputBytes, maxItemBytes, maxItemElements, maxDepth, value, maxConflicts);
  }

  public XmlLimits withMaxConflicts(int value) {
    return new XmlLimits(maxInputBytes, maxItemBytes, maxItemElements, maxDepth, maxAttributes, value);
  }

  private static void positive(String name, long value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
  }
}
