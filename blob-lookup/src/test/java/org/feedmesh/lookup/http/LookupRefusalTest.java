package org.feedmesh.lookup.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.feedmesh.lookup.LookupSettings;
import org.feedmesh.lookup.TestData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way a request can be wrong, over real HTTP: each gets a clear JSON error with the right
 * status, and nothing is stored.
 */
class LookupRefusalTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final MediaType JSON_TYPE = MediaType.get("application/json");
  private static final String B = TestData.blobId("x").hex();
  private static final String H0 = TestData.blockHash("x0").hex();
  private static final String H1 = TestData.blockHash("x1").hex();
  private static final String BLOCKS =
      "[{\"offset\":0,\"size\":100,\"hash\":\""
          + H0
          + "\"},"
          + "{\"offset\":100,\"size\":100,\"hash\":\""
          + H1
          + "\"}]";
  private static final String GOOD =
      "{\"namespace\":\"photos\",\"size\":200,\"blocks\":"
          + BLOCKS
          + ",\"peerUrls\":[\"http://10.0.0.1:7070\"]}";
  private static final String LOCATOR = "blobs/" + B + "/locators/laptop";

  @TempDir static Path dir;
  private static EmbeddedLookupServer server;
  private static Map<String, String> tokens;

  @BeforeAll
  static void start() {
    server =
        new EmbeddedLookupServer(
            dir,
            LookupSettings.builder()
                .maxBlocksPerBlob(50)
                .maxBlockSize(1 << 20)
                .maxBatchIds(20)
                .maxPeerUrls(2)
                .build());
    tokens =
        Map.of(
            "admin", server.tokens.admin(),
            "laptop", server.tokens.endpoint("laptop", Map.of("photos", "rw", "music", "r")));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String with(String field) {
    return GOOD.substring(0, GOOD.length() - 1) + "," + field + "}";
  }

  private static String blocks(String blocksJson, long size) {
    return "{\"namespace\":\"photos\",\"size\":" + size + ",\"blocks\":" + blocksJson + "}";
  }

  private static String block(long offset, long size, String hash) {
    return "{\"offset\":" + offset + ",\"size\":" + size + ",\"hash\":\"" + hash + "\"}";
  }

  private static String manyBlocks(int count, int size) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < count; i++) {
      b.append(i == 0 ? "" : ",").append(block((long) i * size, size, H0));
    }
    return b.append("]").toString();
  }

  static Stream<Arguments> refusals() {
    return Stream.of(
        put("blob id in upper case", "blobs/" + B.toUpperCase() + "/locators/laptop", GOOD, 400),
        put("blob id of 63 characters", "blobs/" + B.substring(1) + "/locators/laptop", GOOD, 400),
        put("blob id not hex", "blobs/" + "z".repeat(64) + "/locators/laptop", GOOD, 400),
        put("endpoint id with a space", "blobs/" + B + "/locators/bad%20id", GOOD, 400),
        put("endpoint id 'admin'", "blobs/" + B + "/locators/admin", GOOD, 400),
        put("no namespace", LOCATOR, "{\"size\":200,\"blocks\":" + BLOCKS + "}", 400),
        put("namespace in upper case", LOCATOR, GOOD.replace("photos", "Photos"), 400),
        put(
            "blocks without size",
            LOCATOR,
            "{\"namespace\":\"photos\",\"blocks\":" + BLOCKS + "}",
            400),
        put("size without blocks", LOCATOR, "{\"namespace\":\"photos\",\"size\":200}", 400),
        put("block sizes that do not add up", LOCATOR, blocks(BLOCKS, 300), 400),
        put(
            "overlapping blocks",
            LOCATOR,
            blocks("[" + block(0, 100, H0) + "," + block(50, 100, H1) + "]", 150),
            400),
        put(
            "a gap between blocks",
            LOCATOR,
            blocks("[" + block(0, 100, H0) + "," + block(150, 100, H1) + "]", 250),
            400),
        put("a negative offset", LOCATOR, blocks("[" + block(-5, 100, H0) + "]", 100), 400),
        put("a negative block size", LOCATOR, blocks("[" + block(0, -100, H0) + "]", -100), 400),
        put("an empty block", LOCATOR, blocks("[" + block(0, 0, H0) + "]", 0), 400),
        put("a negative blob size", LOCATOR, blocks("[]", -1), 400),
        put(
            "a block hash that is not hex",
            LOCATOR,
            blocks("[" + block(0, 100, "g".repeat(64)) + "]", 100),
            400),
        put(
            "a block index out of order",
            LOCATOR,
            blocks("[{\"index\":1,\"offset\":0," + "\"size\":100,\"hash\":\"" + H0 + "\"}]", 100),
            400),
        put("more blocks than allowed", LOCATOR, blocks(manyBlocks(51, 10), 510), 400),
        put(
            "a block over the size limit",
            LOCATOR,
            blocks("[" + block(0, (1 << 20) + 1, H0) + "]", (1 << 20) + 1),
            400),
        put("a reversed held range", LOCATOR, with("\"held\":[[1,0]]"), 400),
        put("overlapping held ranges", LOCATOR, with("\"held\":[[0,1],[1,1]]"), 400),
        put("a held range that is not a pair", LOCATOR, with("\"held\":[[1]]"), 400),
        put("held blocks past the end of the blob", LOCATOR, with("\"held\":[[0,2]]"), 400),
        put("a zero ttl", LOCATOR, with("\"ttlSeconds\":0"), 400),
        put("a negative ttl", LOCATOR, with("\"ttlSeconds\":-60"), 400),
        put(
            "a peer URL that is not http",
            LOCATOR,
            GOOD.replace("http://10.0.0.1:7070", "ftp://10.0.0.1"),
            400),
        put(
            "a peer URL with user info",
            LOCATOR,
            GOOD.replace("http://10.0.0.1:7070", "http://me:secret@10.0.0.1"),
            400),
        put(
            "a peer URL that is no URL",
            LOCATOR,
            GOOD.replace("http://10.0.0.1:7070", "http://[oops"),
            400),
        put(
            "more peer URLs than allowed",
            LOCATOR,
            GOOD.replace(
                "\"http://10.0.0.1:7070\"",
                "\"http://10.0.0.1:1\",\"http://10.0.0.1:2\",\"http://10.0.0.1:3\""),
            400),
        put(
            "a LAN id without peer URLs",
            LOCATOR,
            "{\"namespace\":\"photos\",\"size\":200,\"blocks\":" + BLOCKS + ",\"lanId\":\"x\"}",
            400),
        put("a LAN id with spaces", LOCATOR, with("\"lanId\":\"my lan\""), 400),
        put("malformed JSON", LOCATOR, "{\"namespace\":", 400),
        put("an unknown field", LOCATOR, with("\"colour\":\"blue\""), 400),
        put("no body", LOCATOR, "", 400),
        put("an unknown blob without block list", LOCATOR, "{\"namespace\":\"photos\"}", 404),
        put("a namespace the endpoint cannot write", LOCATOR, GOOD.replace("photos", "music"), 403),
        put("another endpoint's locator", "blobs/" + B + "/locators/desktop", GOOD, 403),
        args(
            "the admin for an unknown endpoint",
            "PUT",
            "admin",
            "blobs/" + B + "/locators/ghost",
            GOOD,
            404),
        put(
            "a body over the size limit",
            LOCATOR,
            with("\"pad\":\"" + "x".repeat(5 << 20) + "\""),
            413),
        post(
            "a batch with a bad block hash",
            "blobs/lookup",
            "{\"blocks\":[\"" + H0 + "\",\"" + H1.substring(2) + "\"]}",
            400),
        post("a batch with a bad blob id", "blobs/lookup", "{\"blobs\":[\"abc\"]}", 400),
        post("an empty batch", "blobs/lookup", "{}", 400),
        post(
            "a batch over the limit",
            "blobs/lookup",
            "{\"blocks\":[" + ("\"" + H0 + "\",").repeat(20) + "\"" + H1 + "\"]}",
            400),
        post(
            "a batch with an overlong address",
            "blobs/lookup",
            "{\"blocks\":[\"" + H0 + "\"],\"addresses\":[\"" + "1".repeat(65) + "\"]}",
            400),
        post("a malformed batch", "blobs/lookup", "[1,2", 400),
        get("a lookup of a bad blob id", "blobs/" + B + "0", 400),
        get("a lookup with blocks=maybe", "blobs/" + B + "?blocks=maybe", 400),
        get("a lookup with a bad LAN id", "blobs/" + B + "?lan=a%20b", 400),
        args(
            "a removal with a bad namespace",
            "DELETE",
            "laptop",
            LOCATOR + "?namespace=A!",
            null,
            400),
        args("a removal of a locator that does not exist", "DELETE", "laptop", LOCATOR, null, 404),
        post("a heartbeat with a zero ttl", "blobs/heartbeat/laptop", "{\"ttlSeconds\":0}", 400),
        post(
            "a heartbeat with a bad peer URL",
            "blobs/heartbeat/laptop",
            "{\"peerUrls\":[\"gopher://x\"]}",
            400),
        post("a heartbeat for another endpoint", "blobs/heartbeat/desktop", "{}", 403),
        args(
            "an admin heartbeat for an unknown endpoint",
            "POST",
            "admin",
            "blobs/heartbeat/ghost",
            "{}",
            404));
  }

  private static Arguments put(String name, String path, String body, int status) {
    return args(name, "PUT", "laptop", path, body, status);
  }

  private static Arguments post(String name, String path, String body, int status) {
    return args(name, "POST", "laptop", path, body, status);
  }

  private static Arguments get(String name, String path, int status) {
    return args(name, "GET", "laptop", path, null, status);
  }

  private static Arguments args(
      String name, String method, String caller, String path, String body, int status) {
    return Arguments.of(name, method, caller, path, body, status);
  }

  @ParameterizedTest(name = "{0} is refused with {5}")
  @MethodSource("refusals")
  void badRequestsAreRefusedWithAClearErrorAndStoreNothing(
      String name, String method, String caller, String path, String body, int status)
      throws Exception {
    RequestBody entity = body == null ? null : RequestBody.create(body, JSON_TYPE);
    Request request =
        new Request.Builder()
            .url(server.baseUri().resolve(path).toString())
            .header("Authorization", "Bearer " + tokens.get(caller))
            .method(method, entity)
            .build();
    try (Response response = server.http.newCall(request).execute()) {
      String text = response.body().string();
      assertEquals(status, response.code(), name + ": " + text);
      JsonNode error = JSON.readTree(text);
      assertTrue(error.hasNonNull("error"), text);
      assertFalse(error.get("error").asText().isBlank(), text);
      assertEquals(status, error.get("status").asInt(), text);
    }
    assertEquals("blobs=0 blocks=0 namespaces=0 endpoints=0 locators=0", server.allRows());
  }
}
