package org.feedmesh.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server counts the response bytes it sends, for every request and status. */
class BytesSentTest {
  @TempDir Path data;
  private TestServer test;

  @BeforeEach
  void start() throws IOException {
    test = TestServer.start(data, 1 << 20);
  }

  @AfterEach
  void stop() {
    test.close();
  }

  @Test
  void everyResponseBodyIsCountedErrorsIncluded() throws IOException {
    test.namespace("photos");
    String token = test.endpoint("laptop", "photos");
    long before = test.server.bytesSent();
    long sent;
    try (Response feed = test.get("feeds/photos", token)) {
      assertEquals(200, feed.code());
      sent = feed.body().bytes().length;
    }
    try (Response refused = test.get("feeds/photos", null)) {
      assertEquals(401, refused.code());
      sent += refused.body().bytes().length;
    }
    assertTrue(sent > 0);
    long expected = before + sent;
    awaitAtLeast(expected, test.server::bytesSent);
  }

  @Test
  void metricsShowTheBytesSent() throws IOException {
    String admin = test.adminToken();
    long firstPage;
    try (Response first = test.get("metrics", admin)) {
      firstPage = first.body().bytes().length;
    }
    awaitAtLeast(firstPage, test.server::bytesSent); // counted when the write completes
    long atLeast = test.server.bytesSent();
    try (Response metrics = test.get("metrics", admin)) {
      String text = metrics.body().string();
      Matcher m =
          Pattern.compile("(?m)^feedmesh_http_response_bytes_total(?:\\{[^}]*})? (\\S+)$")
              .matcher(text);
      assertTrue(m.find(), text);
      assertTrue((long) Double.parseDouble(m.group(1)) >= atLeast, m.group());
    }
  }

  private static void awaitAtLeast(long expected, LongSupplier actual) {
    long end = System.nanoTime() + 20_000_000_000L;
    while (actual.getAsLong() < expected) {
      if (System.nanoTime() > end) {
        fail("bytes sent stayed at " + actual.getAsLong() + ", expected at least " + expected);
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail("interrupted");
      }
    }
  }
}
