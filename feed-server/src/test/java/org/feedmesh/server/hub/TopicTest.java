package org.feedmesh.server.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.util.List;
import org.feedmesh.feedsync.xml.FeedFormat;
import org.feedmesh.platform.http.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TopicTest {
  private static final List<URI> BASES =
      List.of(URI.create("https://sync.example.org/mesh/"), URI.create("http://127.0.0.1:8080/"));

  @Test
  void aFeedUrlUnderAnyBaseIsATopicKeptExactlyAsGiven() {
    Topic t = Topic.parse("https://SYNC.example.org:443/mesh/feeds/photos", BASES);
    assertEquals("https://SYNC.example.org:443/mesh/feeds/photos", t.url());
    assertEquals("photos", t.namespace());
    assertEquals(FeedFormat.ATOM, t.format());
    assertEquals(
        "music.v2", Topic.parse("http://127.0.0.1:8080/feeds/music.v2", BASES).namespace());
  }

  @Test
  void theFormatComesFromTheQuery() {
    assertEquals(
        FeedFormat.RSS,
        Topic.parse("http://127.0.0.1:8080/feeds/photos?format=rss", BASES).format());
    assertEquals(
        FeedFormat.ATOM,
        Topic.parse("http://127.0.0.1:8080/feeds/photos?format=atom", BASES).format());
    Topic rss = Topic.parse("http://127.0.0.1:8080/feeds/photos?format=rss", BASES);
    assertEquals("application/rss+xml;charset=utf-8", rss.contentType());
    assertEquals("http://127.0.0.1:8080/feeds/photos", rss.feedId());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://127.0.0.1:8081/feeds/photos", // other port
        "https://127.0.0.1:8080/feeds/photos", // other scheme
        "http://localhost:8080/feeds/photos", // other host name
        "https://sync.example.org/feeds/photos", // outside the base path
        "http://127.0.0.1:8080/feeds/photos/items/x",
        "http://127.0.0.1:8080/feeds/",
        "http://127.0.0.1:8080/feeds/Photos",
        "http://127.0.0.1:8080/feeds/photos?since=3",
        "http://127.0.0.1:8080/feeds/photos?format=json",
        "http://127.0.0.1:8080/feeds/photos#top",
        "http://user@127.0.0.1:8080/feeds/photos",
        "http://127.0.0.1:8080/hub",
        "/feeds/photos",
        "not a url"
      })
  void anythingElseIsRefusedWith400(String text) {
    ApiException e = assertThrows(ApiException.class, () -> Topic.parse(text, BASES));
    assertEquals(400, e.status());
  }
}
