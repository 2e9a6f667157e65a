package org.feedmesh.platform.http;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * Limits request bodies: a declared {@code Content-Length} over the limit is refused with 413
 * before anything is read; a chunked body is counted while it is read and fails with {@link
 * BodyTooLargeException} (mapped to 413) as soon as it passes the limit. Runs after authentication,
 * so unauthenticated clients learn nothing but 401.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION + 100)
final class BodyLimitFilter implements ContainerRequestFilter {
  private final long maxBytes;

  BodyLimitFilter(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    long declared = request.getLength();
    if (declared > maxBytes) {
      request.abortWith(
          ApiErrors.response(
              413,
              "request body of "
                  + declared
                  + " bytes is larger than the limit of "
                  + maxBytes
                  + " bytes",
              Map.of("limit", maxBytes)));
      return;
    }
    request.setEntityStream(new LimitedInputStream(request.getEntityStream(), maxBytes));
  }

  /** Counts bytes as they are read; fails once more than {@code limit} bytes arrived. */
  static final class LimitedInputStream extends FilterInputStream {
    private final long limit;
    private long count;

    LimitedInputStream(InputStream in, long limit) {
      super(in);
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        add(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
      int n = super.read(buf, off, len);
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

    private void add(long n) throws BodyTooLargeException {
      count += n;
      if (count > limit) {
        throw new BodyTooLargeException(limit);
      }
    }
  }
}
