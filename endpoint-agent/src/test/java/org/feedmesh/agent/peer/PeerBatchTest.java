package org.feedmesh.agent.peer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code POST /blocks}: many blocks in one request, over real HTTP with real tickets. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(PeerFixture.Shared.class)
class PeerBatchTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final MediaType TEXT = MediaType.get("text/plain");

  @TempDir static Path temp;
  private PeerFixture fixture;
  private BlockFolder folder;
  private PeerServer peer;
  private CountingBlocks counting;

  @BeforeAll
  void start(PeerFixture fixture) throws IOException {
    this.fixture = fixture;
    fixture.namespace("photos");
    fixture.namespace("music");
    for (String id : List.of("alice", "victor", "wendy", "xavier", "yves", "zoe")) {
      fixture.endpoint(id, "photos");
    }
    fixture.endpoint("mallory", "music");
    folder = new BlockFolder(temp.resolve("alice"), "blocks.bin", 5, 1000, 70_000, 3000, 20_000);
    counting = new CountingBlocks(folder);
    peer = PeerServer.start(PeerSettings.loopback(), fixture.tickets("alice").verifier(), "photos", counting);
  }

  @AfterAll
  void stop() {
    peer.close();
  }

  private Response post(String path, String ticket, String contentType, String body)
      throws IOException {
    Request.Builder b =
        new Request.Builder()
            .url(peer.baseUri() + path)
            .post(RequestBody.create(body, contentType == null ? null : MediaType.get(contentType)));
    if (ticket != null) {
      b.header("Authorization", "Bearer " + ticket);
    }
    return fixture.http.newCall(b.build()).execute();
  }

  /** The frames of a batch answer: hash to bytes, or to null for "-". */
  private static List<Map.Entry<String, byte[]>> frames(Response r) throws IOException {
    List<Map.Entry<String, byte[]>> out = new ArrayList<>();
    BufferedSource in = r.body().source();
    while (!in.exhausted()) {
      String[] line = in.readUtf8LineStrict(80).split(" ");
      byte[] data = line[1].equals("-") ? null : in.readByteArray(Integer.parseInt(line[1]));
      out.add(new java.util.AbstractMap.SimpleEntry<>(line[0], data));
    }
    return out;
  }

  @Test
  void aBatchAnswersEachHashInTheOrderAskedWithOneLookupAndCountsTheBytes() throws IOException {
    String unknown = "0".repeat(64);
    List<String> asked =
        List.of(folder.block(2).hash(), unknown, folder.block(0).hash(), folder.block(1).hash());
    int before = counting.singles.get();
    int batchesBefore = counting.batches.get();
    try (Response r =
        post("blocks", fixture.tickets("victor").ticket(), "text/plain", String.join("\n", asked) + "\n")) {
      assertEquals(200, r.code());
      assertEquals(BlockServlet.BATCH_TYPE, r.header("Content-Type"));
      List<Map.Entry<String, byte[]>> frames = frames(r);
      assertEquals(asked, frames.stream().map(Map.Entry::getKey).toList());
      assertEquals(null, frames.get(1).getValue(), "the unknown block is marked not held");
      for (int i : new int[] {0, 2, 3}) {
        assertArrayEquals(folder.content.get(asked.get(i)), frames.get(i).getValue(), asked.get(i));
      }
    }
    assertEquals(before, counting.singles.get(), "no lookup per block");
    assertEquals(batchesBefore + 1, counting.batches.get(), "one lookup for the batch");
    long sent = folder.block(0).size() + folder.block(1).size() + folder.block(2).size();
    Await.until("victor's bytes counted", () -> peer.bytesServedTo("victor") == sent);
  }

  @Test
  void aBlockThatChangedOnDiskIsAnsweredNotHeldAndTheOthersStillCome() throws IOException {
    BlockFolder changing = new BlockFolder(temp.resolve("changing"), "blocks.bin", 6, 4000, 4000, 4000);
    changing.pointAt(changing.block(1).hash(), changing.block(2).hash());
    try (PeerServer p =
        PeerServer.start(PeerSettings.loopback(), fixture.tickets("alice").verifier(), "photos", changing)) {
      Request request =
          new Request.Builder()
              .url(p.baseUri() + "blocks")
              .header("Authorization", "Bearer " + fixture.tickets("wendy").ticket())
              .post(RequestBody.create(
                  changing.block(0).hash() + "\n" + changing.block(1).hash() + "\n" + changing.block(2).hash(),
                  TEXT))
              .build();
      try (Response r = fixture.http.newCall(request).execute()) {
        assertEquals(200, r.code());
        List<Map.Entry<String, byte[]>> frames = frames(r);
        assertArrayEquals(changing.content.get(changing.block(0).hash()), frames.get(0).getValue());
        assertEquals(null, frames.get(1).getValue(), "its bytes no longer hash to it");
        assertArrayEquals(changing.content.get(changing.block(2).hash()), frames.get(2).getValue());
      }
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "no ticket",
        "another namespace",
        "not text/plain",
        "no content type",
        "uppercase hash",
        "a line that is not a hash",
        "no hashes",
        "too many hashes",
        "a body too large",
        "a hash in the path"
      })
  void refuses(String what) throws IOException {
    String ticket = fixture.tickets("xavier").ticket();
    String type = "text/plain";
    String path = "blocks";
    String body = folder.block(0).hash() + "\n" + folder.block(1).hash() + "\n";
    int expected = 400;
    switch (what) {
      case "no ticket" -> {
        ticket = null;
        expected = 401;
      }
      case "another namespace" -> {
        ticket = fixture.tickets("mallory").ticket();
        expected = 403;
      }
      case "not text/plain" -> {
        type = "application/json";
        body = "[\"" + folder.block(0).hash() + "\"]";
        expected = 415;
      }
      case "no content type" -> {
        type = null;
        expected = 415;
      }
      case "uppercase hash" -> body = folder.block(0).hash().toUpperCase();
      case "a line that is not a hash" -> body = folder.block(0).hash() + "\n../../etc/passwd\n";
      case "no hashes" -> body = "\n";
      case "too many hashes" -> body = (folder.block(0).hash() + "\n").repeat(BlockServlet.MAX_BATCH + 1);
      case "a body too large" -> {
        body = "0".repeat(BlockServlet.MAX_BATCH * 66 + 100);
        expected = 413;
      }
      default -> {
        path = "blocks/" + folder.block(0).hash();
        expected = 405;
      }
    }
    int lookups = counting.lookups();
    try (Response r = post(path, ticket, type, body)) {
      String answer = r.body().string();
      assertEquals(expected, r.code(), answer);
      assertTrue(JSON.readTree(answer).get("error").asText().length() > 0, answer);
      if (expected == 405) {
        assertEquals("GET, HEAD", r.header("Allow"));
      }
    }
    assertEquals(lookups, counting.lookups(), "no block was looked up");
    assertEquals(0, peer.bytesServedTo("xavier"), "nothing was sent");
  }
}
