package org.feedmesh.server.feeds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import okhttp3.Response;
import org.feedmesh.feedsync.xml.FeedFormat;
import org.feedmesh.server.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad publishes get a clear JSON error and store nothing. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublishRefusalTest {
  private static final long LIMIT = 64 * 1024;
  private static final String ATOM_HEAD =
      "<feed xmlns=\"http://www.w3.org/2005/Atom\" "
          + "xmlns:sx=\"http://feedsync.org/2007/feedsync\"><title>t</title>";

  @TempDir static Path data;
  private TestServer s;
  private String laptop;
  private String reader;

  @BeforeAll
  void start() throws IOException {
    s = TestServer.start(data, LIMIT);
    s.namespace("photos");
    s.namespace("music");
    laptop = s.endpoint("laptop", "photos");
    reader = s.tokenReadOnly("reader", "photos");
  }

  @AfterAll
  void stop() {
    s.close();
  }

  static String entry(String id, int updates, String by) {
    return "<entry><title>x</title><id>urn:"
        + id
        + "</id><updated>2026-01-01T00:00:00Z</updated>"
        + "<sx:sync id=\""
        + id
        + "\" updates=\""
        + updates
        + "\"><sx:history sequence=\""
        + updates
        + "\" when=\"2026-01-01T00:00:00Z\" by=\""
        + by
        + "\"/></sx:sync></entry>";
  }

  static Stream<Arguments> refusals() {
    String ok = entry("good", 1, "laptop");
    return Stream.of(
        Arguments.of("malformed XML", FeedResourceTest.ATOM, ATOM_HEAD + ok + "<entry>", 400),
        Arguments.of("not a feed", FeedResourceTest.ATOM, "<html><body/></html>", 400),
        Arguments.of(
            "doctype with external entity (XXE)",
            FeedResourceTest.ATOM,
            "<?xml version=\"1.0\"?><!DOCTYPE feed [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + ATOM_HEAD
                + ok
                + "<entry><title>&x;</title></entry></feed>",
            400),
        Arguments.of(
            "entity expansion (billion laughs)",
            FeedResourceTest.ATOM,
            "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 "
                + "\"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]>"
                + ATOM_HEAD
                + ok
                + "<entry><title>&lol2;</title></entry></feed>",
            400),
        Arguments.of(
            "updates below 1",
            FeedResourceTest.ATOM,
            ATOM_HEAD + ok + entry("bad", 0, "laptop") + "</feed>",
            400),
        Arguments.of(
            "sync without history",
            FeedResourceTest.ATOM,
            ATOM_HEAD
                + ok
                + "<entry><title>x</title><sx:sync id=\"h\" updates=\"1\"/></entry></feed>",
            400),
        Arguments.of(
            "history by another endpoint",
            FeedResourceTest.ATOM,
            ATOM_HEAD + ok + entry("foreign", 1, "phone") + "</feed>",
            403),
        Arguments.of("wrong content type", "application/json", "{\"items\": []}", 415),
        Arguments.of("no content type", null, ATOM_HEAD + ok + "</feed>", 415),
        Arguments.of(
            "body over the limit",
            FeedResourceTest.ATOM,
            ATOM_HEAD + ok.repeat((int) (LIMIT / ok.length()) + 10) + "</feed>",
            413));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void badPublishIsRefusedWithJsonAndStoresNothing(
      String what, String type, String body, int status) throws IOException {
    try (Response r =
        s.send("POST", "feeds/photos", laptop, type, body.getBytes(StandardCharsets.UTF_8))) {
      String text = r.body().string();
      assertEquals(status, r.code(), text);
      assertTrue(r.header("Content-Type").startsWith("application/json"), r.header("Content-Type"));
      JsonNode error = new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
      assertFalse(error.get("error").asText().isBlank());
      assertFalse(text.contains("root:"), "no file content may leak: " + text);
    }
    assertEquals(0, s.server.journal().lastCursor("photos"));
  }

  @Test
  void chunkedBodyOverTheLimitIsA413() throws IOException {
    byte[] big =
        (ATOM_HEAD + entry("good", 1, "laptop").repeat(2000) + "</feed>")
            .getBytes(StandardCharsets.UTF_8);
    okhttp3.RequestBody chunked =
        new okhttp3.RequestBody() {
          @Override
          public okhttp3.MediaType contentType() {
            return okhttp3.MediaType.get(FeedFormat.ATOM.mediaType());
          }

          @Override
          public long contentLength() {
            return -1;
          }

          @Override
          public void writeTo(okio.BufferedSink sink) throws IOException {
            sink.write(big);
          }
        };
    okhttp3.Request req =
        new okhttp3.Request.Builder()
            .url(s.url("feeds/photos"))
            .header("Authorization", "Bearer " + laptop)
            .post(chunked)
            .build();
    try (Response r = s.client.newCall(req).execute()) {
      assertEquals(413, r.code(), r.body().string());
    }
    assertEquals(0, s.server.journal().lastCursor("photos"));
  }

  @Test
  void unknownNamespaceIsA404() throws IOException {
    byte[] body =
        FeedResourceTest.feed(FeedFormat.ATOM, List.of(FeedResourceTest.item("x", "admin")));
    try (Response r =
        s.send("POST", "feeds/nowhere", s.adminToken(), FeedResourceTest.ATOM, body)) {
      assertEquals(404, r.code());
    }
    try (Response r = s.get("feeds/nowhere", s.adminToken())) {
      assertEquals(404, r.code());
    }
  }

  @Test
  void readOnlyEndpointCannotPublishAndStrangersCannotRead() throws IOException {
    byte[] body =
        FeedResourceTest.feed(FeedFormat.ATOM, List.of(FeedResourceTest.item("x", "reader")));
    try (Response r = s.send("POST", "feeds/photos", reader, FeedResourceTest.ATOM, body)) {
      assertEquals(403, r.code());
    }
    try (Response r = s.get("feeds/music", laptop)) {
      assertEquals(403, r.code());
    }
    assertEquals(0, s.server.journal().lastCursor("photos"));
  }

  @Test
  void badQueryParametersAreA400() throws IOException {
    for (String q :
        List.of(
            "since=x", "since=1&wait=999", "wait=5", "limit=0", "limit=100000", "format=json")) {
      try (Response r = s.get("feeds/photos?" + q, laptop)) {
        assertEquals(400, r.code(), q);
      }
    }
  }
}
