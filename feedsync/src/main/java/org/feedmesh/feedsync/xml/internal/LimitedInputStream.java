package org.feedmesh.feedsync.xml.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.feedmesh.feedsync.xml.FeedTooLargeException;

/**
 * Counts the bytes read from a stream and refuses to deliver more than a maximum. Going over throws
 * {@link FeedTooLargeException} from {@code read}: the JDK's StAX parser lets unchecked exceptions
 * through unchanged, and {@link #tripped()} lets callers recognise the case anyway.
 */
public final class LimitedInputStream extends FilterInputStream {
  private final long max;
  private long count;
  private boolean tripped;
  private IOException failure;

  public LimitedInputStream(InputStream in, long max) {
    super(in);
    this.max = max;
  }

  public long count() {
    return count;
  }

  public boolean tripped() {
    return tripped;
  }

  /**
   * The I/O error the underlying stream threw, if any. The JDK's StAX parser reports such errors
   * as parse errors without their cause; this keeps the cause so it can be reported as I/O.
   */
  public IOException failure() {
    return failure;
  }

  public FeedTooLargeException tooLarge() {
    return new FeedTooLargeException(
        "the document is larger than allowed", "maxInputBytes", max, -1, -1);
  }

  @Override
  public int read() throws IOException {
    int b;
    try {
      b = super.read();
    } catch (IOException e) {
      failure = e;
      throw e;
    }
    if (b >= 0) {
      add(1);
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n;
    try {
      n = super.read(b, off, len);
    } catch (IOException e) {
      failure = e;
      throw e;
    }
    if (n > 0) {
      add(n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = super.skip(n);
    add(skipped);
    return skipped;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  private void add(long n) {
    count += n;
    if (count > max) {
      tripped = true;
      throw tooLarge();
    }
  }
}
