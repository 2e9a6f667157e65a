package org.feedmesh.server.locators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import okhttp3.Response;
import org.feedmesh.feedsync.FeedHead;
import org.feedmesh.feedsync.Item;
import org.feedmesh.feedsync.Payload;
import org.feedmesh.feedsync.SyncFeed;
import org.feedmesh.feedsync.fm.Block;
import org.feedmesh.feedsync.fm.FileMeta;
import org.feedmesh.feedsync.fm.Sha256;
import org.feedmesh.feedsync.xml.FeedFormat;
import org.feedmesh.feedsync.xml.FeedXml;
import org.feedmesh.server.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The feed server keeps the embedded blob lookup up to date (seed 003): publishing an item that
 * names a blob, reporting it applied, announcing addresses and being revoked all show in the
 * answers of {@code GET /blobs/{id}} over real HTTP.
 */
class BlobLocatorsTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Instant T = Instant.parse("2026-11-21T09:00:00Z");

  @TempDir Path data;
  TestServer s;
  String laptop;
  String phone;
  String stranger;

  @BeforeEach
  void start() throws IOException {
    s = TestServer.start(data, 64 << 20);
    s.namespace("docs");
    s.namespace("other");
    laptop = s.endpoint("laptop", "docs");
    phone = s.endpoint("phone", "docs");
    stranger = s.endpoint("stranger", "other");
  }

  @AfterEach
  void stop() {
    s.close();
  }

  static FileMeta file(String path, String content) {
    String b1 = Sha256.hex(content + "#1");
    String b2 = Sha256.hex(content + "#2");
    return FileMeta.file(path, 3000, T, 0644, Sha256.hex(content),
        List.of(new Block(0, 1000, b1), new Block(1000, 2000, b2)));
  }

  static Item item(String path, String by, FileMeta f) {
    return Item.create(FileMeta.itemId("docs", path), by, T, Payload.ofFile(f));
  }

  void publish(String token, Item... items) throws IOException {
    byte[] feed = FeedXml.toBytes(
        new SyncFeed(FeedHead.of("urn:t", "t", T), List.of(items)), FeedFormat.ATOM);
    try (Response r = s.send("POST", "feeds/docs", token, "application/atom+xml", feed)) {
      assertEquals(200, r.code(), r.body().string());
    }
  }

  JsonNode blob(String blobId, String token, int expected) throws IOException {
    try (Response r = s.get("blobs/" + blobId, token)) {
      String body = r.body().string();
      assertEquals(expected, r.code(), body);
      return JSON.readTree(body);
    }
  }

  static List<String> holders(JsonNode blob) {
    List<String> out = new ArrayList<>();
    blob.get("locators").forEach(l -> out.add(l.get("endpointId").asText()));
    out.sort(null);
    return out;
  }

  @Test
  void publishingAFileMakesThePublisherALocatorThatReadersOfTheNamespaceSee() throws IOException {
    FileMeta f = file("report.odt", "v1");
    publish(laptop, item("report.odt", "laptop", f));

    JsonNode answer = blob(f.blobId(), phone, 200);
    assertEquals(List.of("laptop"), holders(answer));
    assertEquals(3000, answer.get("size").asLong());
    assertEquals(2, answer.get("blocks").size());
    assertEquals(f.blocks().get(1).hash(), answer.get("blocks").get(1).get("hash").asText());
  }

  @Test
  void anEndpointWithoutRightsOnTheNamespaceCannotLearnTheBlobExists() throws IOException {
    FileMeta f = file("secret.txt", "s");
    publish(laptop, item("secret.txt", "laptop", f));
    blob(f.blobId(), stranger, 404);
    blob(Sha256.hex("never published"), phone, 404);
  }

  @Test
  void reportingTheCurrentVersionAppliedMakesTheReporterALocatorToo() throws IOException {
    FileMeta f = file("a.txt", "a");
    Item v1 = item("a.txt", "laptop", f);
    publish(laptop, v1);
    String report = "{\"reports\":[{\"id\":\"" + v1.id() + "\",\"updates\":1,\"result\":\"applied\"}]}";
    try (Response r = s.send("POST", "feeds/docs/status", phone, "application/json",
        report.getBytes(StandardCharsets.UTF_8))) {
      assertEquals(200, r.code(), r.body().string());
    }
    assertEquals(List.of("laptop", "phone"), holders(blob(f.blobId(), laptop, 200)));
  }

  @Test
  void aFailedReportOrAReportOfAnOlderVersionRegistersNothing() throws IOException {
    FileMeta f1 = file("b.txt", "b1");
    Item v1 = item("b.txt", "laptop", f1);
    publish(laptop, v1);
    FileMeta f2 = file("b.txt", "b2");
    publish(laptop, v1.updated("laptop", T.plusSeconds(5), Payload.ofFile(f2)));
    String reports = "{\"reports\":[{\"id\":\"" + v1.id() + "\",\"updates\":1,\"result\":\"applied\"},"
        + "{\"id\":\"" + v1.id() + "\",\"updates\":2,\"result\":\"failed\",\"reason\":\"disk full\"}]}";
    try (Response r = s.send("POST", "feeds/docs/status", phone, "application/json",
        reports.getBytes(StandardCharsets.UTF_8))) {
      assertEquals(200, r.code(), r.body().string());
    }
    assertEquals(List.of("laptop"), holders(blob(f2.blobId(), laptop, 200)));
    assertEquals(List.of("laptop"), holders(blob(f1.blobId(), laptop, 200)));
  }

  @Test
  void aRevokedEndpointDropsOutOfEveryAnswerAtOnce() throws IOException {
    FileMeta f = file("c.txt", "c");
    Item v1 = item("c.txt", "laptop", f);
    publish(laptop, v1);
    publish(phone, v1.updated("phone", T.plusSeconds(1), Payload.ofFile(f)));
    assertEquals(List.of("laptop", "phone"), holders(blob(f.blobId(), phone, 200)));

    try (Response r = s.send("DELETE", "admin/endpoints/laptop", s.adminToken(), null, null)) {
      assertTrue(r.isSuccessful(), r.body().string());
    }
    assertEquals(List.of("phone"), holders(blob(f.blobId(), phone, 200)));
  }

  @Test
  void announcedPeerAddressesAreTheUrlsTheLookupHandsOut() throws IOException {
    String announce = "{\"addresses\":[\"http://192.0.2.7:22000\"]}";
    try (Response r = s.send("PUT", "endpoints/self", laptop, "application/json",
        announce.getBytes(StandardCharsets.UTF_8))) {
      assertTrue(r.isSuccessful(), r.body().string());
    }
    FileMeta f = file("d.txt", "d");
    publish(laptop, item("d.txt", "laptop", f));
    JsonNode locator = blob(f.blobId(), phone, 200).get("locators").get(0);
    assertEquals("laptop", locator.get("endpointId").asText());
    assertEquals("http://192.0.2.7:22000", locator.get("peerUrls").get(0).asText());
  }

  @Test
  void anAddressTheLookupCannotUseIsSkippedAndTheOthersStillCount() throws IOException {
    String announce =
        "{\"addresses\":[\"http://user:pw@192.0.2.8:22000\",\"http://192.0.2.9:22000\"]}";
    try (Response r = s.send("PUT", "endpoints/self", laptop, "application/json",
        announce.getBytes(StandardCharsets.UTF_8))) {
      assertTrue(r.isSuccessful(), r.body().string());
    }
    FileMeta f = file("g.txt", "g");
    publish(laptop, item("g.txt", "laptop", f));
    JsonNode urls = blob(f.blobId(), phone, 200).get("locators").get(0).get("peerUrls");
    assertEquals(1, urls.size(), urls.toString());
    assertEquals("http://192.0.2.9:22000", urls.get(0).asText());
  }

  @Test
  void tombstonesAndVersionsRelayedForOthersRegisterNoLocator() throws IOException {
    String relay = s.endpoint("bridge", true, "docs");
    FileMeta f = file("e.txt", "e");
    publish(relay, item("e.txt", "laptop", f)); // relayed: bridge wrote history for laptop
    blob(f.blobId(), phone, 404);

    FileMeta g = file("f.txt", "f");
    Item gone = item("f.txt", "laptop", g).deleted("laptop", T.plusSeconds(1), false);
    publish(laptop, gone);
    blob(g.blobId(), phone, 404);
  }

  @Test
  void aBlobTheLookupRefusesCostsNoOtherBlobOfTheSameFeedOrReportItsLocator() throws IOException {
    FileMeta w = file("w.txt", "w");
    FileMeta x = file("x.txt", "x");
    // the same blob id as w.txt with another block list: the lookup refuses it
    FileMeta y = FileMeta.file("y.txt", 3000, T, 0644, w.blobId(),
        List.of(new Block(0, 1500, Sha256.hex("other#1")), new Block(1500, 1500, Sha256.hex("other#2"))));
    Item iw = item("w.txt", "laptop", w);
    Item ix = item("x.txt", "laptop", x);
    Item iy = item("y.txt", "laptop", y);
    publish(laptop, iw, ix, iy);
    assertEquals(List.of("laptop"), holders(blob(x.blobId(), phone, 200)));
    assertEquals(List.of("laptop"), holders(blob(w.blobId(), phone, 200)));

    String reports = "{\"reports\":["
        + "{\"id\":\"" + iy.id() + "\",\"updates\":1,\"result\":\"applied\"},"
        + "{\"id\":\"" + ix.id() + "\",\"updates\":1,\"result\":\"applied\"}]}";
    try (Response r = s.send("POST", "feeds/docs/status", phone, "application/json",
        reports.getBytes(StandardCharsets.UTF_8))) {
      assertEquals(200, r.code(), r.body().string());
    }
    assertEquals(List.of("laptop", "phone"), holders(blob(x.blobId(), laptop, 200)));
    assertEquals(List.of("laptop"), holders(blob(w.blobId(), laptop, 200)));
  }
}
