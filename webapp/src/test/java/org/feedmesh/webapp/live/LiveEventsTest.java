package org.feedmesh.webapp.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.FormBody;
import okhttp3.Request;
import okhttp3.Response;
import org.feedmesh.webapp.Browser;
import org.feedmesh.webapp.WebServer;
import org.feedmesh.webapp.WebSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The view's server-sent events over real HTTP. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveEventsTest {
  @TempDir static Path data;
  private WebServer web;
  private String laptop;
  private String other;

  @BeforeAll
  void start() throws IOException {
    web = WebServer.start(data, WebSettings.defaults().withHeartbeat(Duration.ofMillis(200)));
    web.namespace("photos");
    web.namespace("private");
    laptop = web.endpoint("laptop", "photos");
    other = web.endpoint("other", "private");
  }

  @AfterAll
  void stop() {
    web.close();
  }

  /** An open event stream whose lines a thread collects. */
  private static final class Stream implements AutoCloseable {
    final List<String> lines = new CopyOnWriteArrayList<>();
    final AtomicBoolean ended = new AtomicBoolean();
    final okhttp3.Call call;
    final Response response;

    Stream(Browser b) throws IOException {
      call = b.http.newCall(
          new Request.Builder().url(b_url(b)).header("Accept", "text/event-stream").build());
      response = call.execute();
      Thread t = new Thread(() -> {
        try (Response owned = response;
            BufferedReader r = new BufferedReader(
            new InputStreamReader(response.body().byteStream(), StandardCharsets.UTF_8))) {
          String line;
          while ((line = r.readLine()) != null) {
            lines.add(line);
          }
        } catch (IOException e) {
          // closed
        } finally {
          ended.set(true);
        }
      }, "sse-reader");
      t.setDaemon(true);
      t.start();
    }

    private static String b_url(Browser b) {
      return b.web().url("/ui/api/events");
    }

    boolean saw(String line) {
      return lines.contains(line);
    }

    @Override
    public void close() {
      call.cancel(); // the reader thread sees the end and closes the body
    }
  }

  @Test
  void aPublishReachesTheStreamAfterTheItemsAreIndexed() throws Exception {
    Browser b = web.browser().signIn(laptop);
    try (Stream s = new Stream(b)) {
      assertEquals(200, s.response.code());
      assertTrue(s.response.header("Content-Type").startsWith("text/event-stream"));
      WebServer.await("hello", Duration.ofSeconds(10), () -> s.saw("event: hello"));
      web.publish("photos", laptop,
          List.of(WebServer.file("photos", "a.jpg", "laptop", 10, WebServer.T)));
      WebServer.await("the journal event", Duration.ofSeconds(10),
          () -> s.saw("data: {\"namespace\":\"photos\",\"cursor\":1}"));
      assertEquals(1, b.getJson("/ui/api/namespaces/photos/items").get("total").asLong());
    }
  }

  @Test
  void aStreamHearsNothingOfNamespacesItsCallerCannotRead() throws Exception {
    Browser b = web.browser().signIn(laptop);
    try (Stream s = new Stream(b)) {
      WebServer.await("hello", Duration.ofSeconds(10), () -> s.saw("event: hello"));
      web.publish("private", other,
          List.of(WebServer.file("private", "x.txt", "other", 1, WebServer.T)));
      web.publish("photos", laptop,
          List.of(WebServer.file("photos", "later.jpg", "laptop", 1, WebServer.T)));
      WebServer.await("the photos event", Duration.ofSeconds(10),
          () -> s.lines.stream().anyMatch(l -> l.contains("\"namespace\":\"photos\"")));
      assertFalse(s.lines.stream().anyMatch(l -> l.contains("private")), s.lines.toString());
    }
  }

  @Test
  void heartbeatsKeepTheStreamAliveAndSigningOutEndsIt() throws Exception {
    Browser b = web.browser().signIn(laptop);
    try (Stream s = new Stream(b)) {
      WebServer.await("a heartbeat", Duration.ofSeconds(10), () -> s.saw(": heartbeat"));
      try (Response r = b.postForm("/ui/sign-out",
          new FormBody.Builder().add("csrf", b.csrf).build(), web.origin())) {
        assertEquals(303, r.code());
      }
      WebServer.await("the stream ends", Duration.ofSeconds(10), s.ended::get);
    }
  }

  @Test
  void aStreamNeedsASession() throws IOException {
    try (Response r = web.browser().get("/ui/api/events")) {
      assertEquals(401, r.code());
    }
  }
}
