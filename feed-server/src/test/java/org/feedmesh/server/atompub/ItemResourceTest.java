package org.feedmesh.server.atompub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import okhttp3.Response;
import org.feedmesh.feedsync.Item;
import org.feedmesh.feedsync.Payload;
import org.feedmesh.feedsync.xml.EntryXml;
import org.feedmesh.feedsync.xml.XmlLimits;
import org.feedmesh.server.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** AtomPub members and FeedSync change packets over real HTTP. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ItemResourceTest {
  private static final String ENTRY = "application/atom+xml;type=entry";
  private static final Instant T = Instant.parse("2026-05-01T10:00:00Z");
  private static final String PLAIN =
      "<entry xmlns=\"http://www.w3.org/2005/Atom\"><title>Note</title>"
          + "<id>urn:note</id><updated>2026-05-01T10:00:00Z</updated><content>hello</content></entry>";

  @TempDir static Path data;
  private TestServer s;
  private String laptop;
  private String phone;

  @BeforeAll
  void start() throws IOException {
    s = TestServer.start(data, 1 << 20);
    s.namespace("notes");
    laptop = s.endpoint("laptop", "notes");
    phone = s.endpoint("phone", "notes");
  }

  @AfterAll
  void stop() {
    s.close();
  }

  record Created(String path, String etag, Item item) {}

  private Created create(String token, byte[] body) throws IOException {
    try (Response r = s.send("POST", "feeds/notes", token, ENTRY, body)) {
      byte[] text = r.body().bytes();
      assertEquals(201, r.code(), new String(text, StandardCharsets.UTF_8));
      String location = r.header("Location");
      assertTrue(location.startsWith(s.url("feeds/notes/items/")), location);
      return new Created(location.substring(s.url("").length()), r.header("ETag"), item(text));
    }
  }

  private static Item item(byte[] entry) {
    return EntryXml.readItem(new ByteArrayInputStream(entry), XmlLimits.DEFAULT);
  }

  private static byte[] bytes(Item item) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    EntryXml.write(item, out);
    return out.toByteArray();
  }

  @Test
  void plainAtomEntryGetsSyncDataFromTheServer() throws IOException {
    Created c = create(laptop, PLAIN.getBytes(StandardCharsets.UTF_8));
    assertEquals(1, c.item().updates());
    assertEquals("laptop", c.item().topmost().by());
    try (Response r = s.get(c.path(), phone)) {
      assertEquals(200, r.code());
      assertEquals(c.etag(), r.header("ETag"));
      assertEquals(c.item(), item(r.body().bytes()));
    }
  }

  @Test
  void putWithAStaleIfMatchIsA412AndChangesNothing() throws IOException {
    Created c = create(laptop, PLAIN.getBytes(StandardCharsets.UTF_8));
    long before = s.server.journal().lastCursor("notes");
    try (Response r =
        s.send(
            "PUT",
            c.path(),
            laptop,
            ENTRY,
            PLAIN.getBytes(StandardCharsets.UTF_8),
            "If-Match",
            "\"999999\"")) {
      assertEquals(412, r.code());
    }
    assertEquals(before, s.server.journal().lastCursor("notes"));
    try (Response r =
        s.send(
            "PUT",
            c.path(),
            laptop,
            ENTRY,
            PLAIN.getBytes(StandardCharsets.UTF_8),
            "If-Match",
            c.etag())) {
      assertEquals(200, r.code());
      assertNotEquals(c.etag(), r.header("ETag"));
      assertEquals(2, item(r.body().bytes()).updates());
    }
  }

  @Test
  void changePacketMissingAServerChangeIsA409WithTheServersVersion() throws IOException {
    Item base =
        Item.create("packet-1", "laptop", T, Payload.EMPTY.withTitle(Payload.Text.plain("v1")));
    Created c = create(laptop, bytes(base));
    Item serverNow =
        base.updated(
            "phone", T.plusSeconds(10), Payload.EMPTY.withTitle(Payload.Text.plain("phone")));
    try (Response r = s.send("PUT", c.path(), phone, ENTRY, bytes(serverNow))) {
      assertEquals(200, r.code());
    }
    long before = s.server.journal().lastCursor("notes");
    Item stale =
        base.updated(
            "laptop", T.plusSeconds(20), Payload.EMPTY.withTitle(Payload.Text.plain("laptop")));
    try (Response r = s.send("PUT", c.path(), laptop, ENTRY, bytes(stale))) {
      assertEquals(409, r.code());
      assertTrue(r.header("Content-Type").startsWith("application/atom+xml"));
      assertEquals(serverNow, item(r.body().bytes()));
    }
    assertEquals(before, s.server.journal().lastCursor("notes"));
    Item rebased = serverNow.updated("laptop", T.plusSeconds(30), Payload.EMPTY);
    try (Response r = s.send("PUT", c.path(), laptop, ENTRY, bytes(rebased))) {
      assertEquals(200, r.code());
      assertEquals(rebased, item(r.body().bytes()));
    }
  }

  @Test
  void deleteLeavesATombstoneAndIsIdempotent() throws IOException {
    Created c = create(laptop, PLAIN.getBytes(StandardCharsets.UTF_8));
    try (Response r = s.send("DELETE", c.path(), laptop, null, null)) {
      assertEquals(204, r.code());
    }
    long after = s.server.journal().lastCursor("notes");
    try (Response r = s.send("DELETE", c.path(), laptop, null, null)) {
      assertEquals(204, r.code());
    }
    assertEquals(after, s.server.journal().lastCursor("notes"));
    try (Response r = s.get(c.path(), phone)) {
      assertTrue(item(r.body().bytes()).isDeleted());
    }
  }

  @Test
  void postingAnExistingSyncIdIsA409() throws IOException {
    Item item = Item.create("twice", "laptop", T, Payload.EMPTY);
    create(laptop, bytes(item));
    try (Response r = s.send("POST", "feeds/notes", laptop, ENTRY, bytes(item))) {
      assertEquals(409, r.code());
    }
  }

  @Test
  void unknownItemIsA404AndWrongTypeA415() throws IOException {
    try (Response r = s.get("feeds/notes/items/nothing", laptop)) {
      assertEquals(404, r.code());
    }
    try (Response r =
        s.send(
            "PUT",
            "feeds/notes/items/nothing",
            laptop,
            "text/plain",
            "x".getBytes(StandardCharsets.UTF_8))) {
      assertEquals(415, r.code());
    }
  }
}
