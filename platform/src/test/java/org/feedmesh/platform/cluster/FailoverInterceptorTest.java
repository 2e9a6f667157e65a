package org.feedmesh.platform.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FailoverInterceptorTest {
  private final List<HttpServer> servers = new CopyOnWriteArrayList<>();
  private final List<String> seen = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    servers.forEach(s -> s.stop(0));
  }

  /** A real HTTP server that records each request and answers with {@code status} and headers. */
  private String server(String name, int status, String... headers) throws IOException {
    HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    s.createContext(
        "/",
        ex -> {
          seen.add(name + " " + ex.getRequestURI() + " unreachable="
              + ex.getRequestHeaders().getFirst(ClusterHeaders.PRIMARY_UNREACHABLE)
              + " epoch=" + ex.getRequestHeaders().getFirst(ClusterHeaders.EPOCH));
          for (int i = 0; i < headers.length; i += 2) {
            ex.getResponseHeaders().add(headers[i], headers[i + 1]);
          }
          byte[] body = name.getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(status, body.length);
          ex.getResponseBody().write(body);
          ex.close();
        });
    s.start();
    servers.add(s);
    return "http://127.0.0.1:" + s.getAddress().getPort() + "/";
  }

  private static String deadUrl() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return "http://127.0.0.1:" + s.getLocalPort() + "/";
    }
  }

  private static OkHttpClient client(ServerSet set) {
    return new OkHttpClient.Builder()
        .addInterceptor(new FailoverInterceptor(set, Duration.ofSeconds(5)))
        .connectTimeout(Duration.ofMillis(500))
        .build();
  }

  private static String get(OkHttpClient client, String url) throws IOException {
    try (Response r = client.newCall(new Request.Builder().url(url).build()).execute()) {
      return r.code() + " " + r.body().string();
    }
  }

  @Test
  void aPrimaryThatDoesNotAnswerIsNamedToTheStandbyWhichGetsTheSameQuery() throws IOException {
    String primary = deadUrl();
    String standby = server("standby", 200, ClusterHeaders.EPOCH, "2");
    ServerSet set = ServerSet.parse(primary + "," + standby);
    assertEquals("200 standby", get(client(set), primary + "feeds/docs?since=7&wait=30"));
    assertEquals(
        List.of("standby /feeds/docs?since=7&wait=30 unreachable=" + primary + " epoch=null"), seen);
    assertEquals(2, set.epoch());
    assertEquals(standby, set.current().toString());
  }

  @Test
  void aRefusalThatNamesTheApproverSendsTheRequestThereWithTheEpoch() throws IOException {
    String standby = server("standby", 200);
    String primary =
        server("primary", 503, ClusterHeaders.PRIMARY, standby, ClusterHeaders.EPOCH, "3");
    ServerSet set = ServerSet.parse(primary + "," + standby);
    assertEquals("200 standby", get(client(set), primary + "x"));
    assertEquals(
        List.of(
            "primary /x unreachable=null epoch=null",
            "standby /x unreachable=" + primary + " epoch=3"),
        seen);
  }

  @Test
  void aStaleEpochRefusalIsSentAgainOnceWithTheNewerEpoch() throws IOException {
    String only =
        server("only", 409, ClusterHeaders.ERROR_CODE, ClusterHeaders.STALE_EPOCH,
            ClusterHeaders.EPOCH, "5");
    ServerSet set = ServerSet.parse(only);
    set.observeEpoch(4);
    assertEquals("409 only", get(client(set), only + "x"));
    assertEquals(
        List.of("only /x unreachable=null epoch=4", "only /x unreachable=null epoch=5"), seen);
  }

  @Test
  void requestsForOtherHostsPassUntouched() throws IOException {
    String other = server("other", 200);
    ServerSet set = ServerSet.parse(deadUrl());
    set.observeEpoch(9);
    assertEquals("200 other", get(client(set), other + "y"));
    assertEquals(List.of("other /y unreachable=null epoch=null"), seen);
  }

  @Test
  void whenNoServerAnswersTheLastFailureIsThrownAfterTheFailoverTimeout() throws IOException {
    ServerSet set = ServerSet.parse(deadUrl() + "," + deadUrl());
    OkHttpClient client =
        new OkHttpClient.Builder()
            .addInterceptor(new FailoverInterceptor(set, Duration.ofMillis(300)))
            .build();
    assertThrows(IOException.class, () -> get(client, set.servers().get(0) + "z"));
  }

  @Test
  void aServerListWithTheSameServerTwiceOrNoUrlIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> ServerSet.parse("http://a:1/,http://a:1/x"));
    assertThrows(IllegalArgumentException.class, () -> ServerSet.parse("ftp://a/"));
    assertThrows(IllegalArgumentException.class, () -> ServerSet.parse(" , "));
  }
}
