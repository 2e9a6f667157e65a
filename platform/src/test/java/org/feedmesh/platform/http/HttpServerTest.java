package org.feedmesh.platform.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long LIMIT = 1024;

  private HttpServer server;
  private final OkHttpClient client = new OkHttpClient();

  /** Resources that fail in every way the mappers must handle. */
  @Path("test")
  public static final class TestResource {
    public record Greeting(String name) {
      public Greeting {
        if (name == null || name.isBlank()) {
          throw new IllegalArgumentException("name must not be blank");
        }
      }
    }

    @GET
    @Path("api-error")
    public String apiError() {
      throw new ApiException(409, "namespace 'photos' exists", Map.of("namespace", "photos"));
    }

    @GET
    @Path("missing")
    public String missing() {
      throw new NotFoundException();
    }

    @GET
    @Path("bug")
    public String bug() {
      throw new IllegalStateException("secret internal detail");
    }

    @POST
    @Path("echo")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Greeting echo(Greeting g) {
      return g;
    }

    @POST
    @Path("count")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.TEXT_PLAIN)
    public String count(InputStream body) throws IOException {
      return Long.toString(body.transferTo(java.io.OutputStream.nullOutputStream()));
    }

    @GET
    @Path("later")
    @Produces(MediaType.TEXT_PLAIN)
    public void later(@QueryParam("text") String text, @Suspended AsyncResponse response) {
      CompletableFuture.runAsync(
          () -> response.resume(text),
          CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS));
    }
  }

  @BeforeEach
  void start() throws IOException {
    ResourceConfig app = new ResourceConfig().register(TestResource.class);
    server = new HttpServer(HttpSettings.loopback().withMaxBodyBytes(LIMIT), app);
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Response get(String path) throws IOException {
    return client.newCall(new Request.Builder().url(server.baseUri() + path).build()).execute();
  }

  private Response post(String path, RequestBody body) throws IOException {
    return client
        .newCall(new Request.Builder().url(server.baseUri() + path).post(body).build())
        .execute();
  }

  private static JsonNode json(Response r) throws IOException {
    assertTrue(r.header("Content-Type").startsWith("application/json"), r.header("Content-Type"));
    return JSON.readTree(r.body().string());
  }

  @Test
  void serverListensOnTheRandomPortItReports() {
    assertTrue(server.port() > 0);
    assertEquals("http://127.0.0.1:" + server.port() + "/", server.baseUri().toString());
  }

  @Test
  void apiExceptionBecomesJsonWithItsStatusAndDetails() throws IOException {
    try (Response r = get("test/api-error")) {
      assertEquals(409, r.code());
      JsonNode body = json(r);
      assertEquals("namespace 'photos' exists", body.get("error").asText());
      assertEquals(409, body.get("status").asInt());
      assertEquals("photos", body.get("namespace").asText());
    }
  }

  @Test
  void jaxRsExceptionKeepsItsStatusInTheJsonShape() throws IOException {
    try (Response r = get("test/missing")) {
      assertEquals(404, r.code());
      assertEquals(404, json(r).get("status").asInt());
    }
  }

  @Test
  void unknownPathIsAJson404() throws IOException {
    try (Response r = get("nothing/here")) {
      assertEquals(404, r.code());
      assertEquals("not found", json(r).get("error").asText());
    }
  }

  @Test
  void wrongMethodIsAJson405WithAllowHeader() throws IOException {
    try (Response r = post("test/api-error", RequestBody.create(new byte[0], null))) {
      assertEquals(405, r.code());
      assertTrue(r.header("Allow").contains("GET"), r.header("Allow"));
      assertEquals(405, json(r).get("status").asInt());
    }
  }

  @Test
  void unexpectedExceptionIsAGeneric500WithoutInternals() throws IOException {
    try (Response r = get("test/bug")) {
      assertEquals(500, r.code());
      String text = r.body().string();
      JsonNode body = JSON.readTree(text);
      assertEquals("internal server error", body.get("error").asText());
      assertTrue(body.has("incident"));
      assertFalse(text.contains("secret internal detail"), text);
      assertFalse(text.contains("IllegalStateException"), text);
    }
  }

  @Test
  void jsonBodiesRoundTripAsRecords() throws IOException {
    try (Response r = post("test/echo", jsonBody("{\"name\":\"laptop\"}"))) {
      assertEquals(200, r.code());
      assertEquals("laptop", json(r).get("name").asText());
    }
  }

  @Test
  void malformedJsonIsA400InTheJsonShape() throws IOException {
    try (Response r = post("test/echo", jsonBody("{\"name\": "))) {
      assertEquals(400, r.code());
      assertTrue(json(r).get("error").asText().startsWith("invalid JSON body"));
    }
  }

  @Test
  void recordValidationFailureIsA400WithItsMessage() throws IOException {
    try (Response r = post("test/echo", jsonBody("{\"name\":\" \"}"))) {
      assertEquals(400, r.code());
      assertEquals("invalid JSON body: name must not be blank", json(r).get("error").asText());
    }
  }

  @Test
  void bodyAtTheLimitIsAccepted() throws IOException {
    try (Response r = post("test/count", RequestBody.create(new byte[(int) LIMIT], null))) {
      assertEquals(200, r.code());
      assertEquals(Long.toString(LIMIT), r.body().string());
    }
  }

  @Test
  void declaredBodyOverTheLimitIsA413() throws IOException {
    try (Response r = post("test/count", RequestBody.create(new byte[(int) LIMIT + 1], null))) {
      assertEquals(413, r.code());
      assertEquals(LIMIT, json(r).get("limit").asLong());
    }
  }

  @Test
  void chunkedBodyOverTheLimitIsA413() throws IOException {
    try (Response r = post("test/count", chunked(LIMIT * 4))) {
      assertEquals(413, r.code());
      assertEquals(413, json(r).get("status").asInt());
    }
  }

  @Test
  void chunkedJsonBodyOverTheLimitIsA413() throws IOException {
    String big = "{\"name\":\"" + "x".repeat((int) LIMIT * 2) + "\"}";
    RequestBody body =
        new RequestBody() {
          @Override
          public okhttp3.MediaType contentType() {
            return okhttp3.MediaType.get("application/json");
          }

          @Override
          public long contentLength() {
            return -1;
          }

          @Override
          public void writeTo(BufferedSink sink) throws IOException {
            sink.writeUtf8(big);
          }
        };
    try (Response r = post("test/echo", body)) {
      assertEquals(413, r.code());
    }
  }

  @Test
  void suspendedResponsesWorkBecauseAsyncSupportIsOn() throws IOException {
    try (Response r = get("test/later?text=woke")) {
      assertEquals(200, r.code());
      assertEquals("woke", r.body().string());
    }
  }

  /** Suspended requests parked until released; proves they hold no server thread. */
  @Path("park")
  public static final class Parking {
    static final java.util.Queue<AsyncResponse> PARKED =
        new java.util.concurrent.ConcurrentLinkedQueue<>();

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public void park(@Suspended AsyncResponse response) {
      PARKED.add(response);
    }

    @GET
    @Path("ping")
    @Produces(MediaType.TEXT_PLAIN)
    public String ping() {
      return "pong";
    }
  }

  @Test
  void parkedAsyncRequestsHoldNoWorkerThread() throws Exception {
    int threads = 8;
    int parked = 40;
    HttpServer small =
        new HttpServer(
            HttpSettings.loopback().withMaxThreads(threads),
            new ResourceConfig().register(Parking.class));
    small.start();
    java.util.concurrent.ExecutorService clients =
        java.util.concurrent.Executors.newFixedThreadPool(parked);
    try {
      OkHttpClient c =
          new OkHttpClient.Builder().readTimeout(java.time.Duration.ofSeconds(60)).build();
      java.util.List<java.util.concurrent.Future<String>> answers = new java.util.ArrayList<>();
      for (int i = 0; i < parked; i++) {
        answers.add(
            clients.submit(
                () -> {
                  try (Response r =
                      c.newCall(new Request.Builder().url(small.baseUri() + "park").build())
                          .execute()) {
                    return r.body().string();
                  }
                }));
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (Parking.PARKED.size() < parked) {
        assertTrue(System.nanoTime() < deadline, "only " + Parking.PARKED.size() + " parked");
        Thread.sleep(10);
      }
      // 40 requests wait on a server with 8 threads, and it still answers others.
      try (Response r =
          c.newCall(new Request.Builder().url(small.baseUri() + "park/ping").build()).execute()) {
        assertEquals("pong", r.body().string());
      }
      AsyncResponse next;
      while ((next = Parking.PARKED.poll()) != null) {
        next.resume("released");
      }
      for (java.util.concurrent.Future<String> a : answers) {
        assertEquals("released", a.get(30, TimeUnit.SECONDS));
      }
    } finally {
      clients.shutdownNow();
      small.close();
    }
  }

  private static RequestBody jsonBody(String json) {
    return RequestBody.create(json, okhttp3.MediaType.get("application/json"));
  }

  private static RequestBody chunked(long bytes) {
    return new RequestBody() {
      @Override
      public okhttp3.MediaType contentType() {
        return okhttp3.MediaType.get("application/octet-stream");
      }

      @Override
      public long contentLength() {
        return -1;
      }

      @Override
      public void writeTo(BufferedSink sink) throws IOException {
        byte[] chunk = new byte[100];
        for (long sent = 0; sent < bytes; sent += chunk.length) {
          sink.write(chunk);
          sink.flush();
        }
      }
    };
  }
}
