package org.feedmesh.server.hub;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A WebSub subscriber on loopback (the JDK's HTTP server): every path is a callback. By default it
 * confirms verifications by echoing the challenge and answers distributions with 200; each path can
 * be told otherwise. Records every request.
 */
final class CallbackServer implements AutoCloseable {
  /** How a path answers verification GETs. */
  enum Verify {
    ECHO,
    NOT_FOUND,
    WRONG_ECHO
  }

  /** One request as received. */
  record Received(
      String method,
      String path,
      Map<String, List<String>> query,
      Map<String, List<String>> headers,
      byte[] body,
      int answered) {
    String param(String name) {
      List<String> v = query.get(name);
      return v == null ? null : v.get(0);
    }

    /** Every value of a header (names compared ignoring case). */
    List<String> header(String name) {
      List<String> out = new ArrayList<>();
      headers.forEach(
          (k, v) -> {
            if (k.equalsIgnoreCase(name)) {
              out.addAll(v);
            }
          });
      return out;
    }

    String body(java.nio.charset.Charset cs) {
      return new String(body, cs);
    }
  }

  /** A path whose distributions block until released. */
  static final class Hang {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
  }

  private final HttpServer server;
  private final ExecutorService threads =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "callback-server");
            t.setDaemon(true);
            return t;
          });
  private final Map<String, Verify> verify = new ConcurrentHashMap<>();
  private final Map<String, Deque<Integer>> statuses = new ConcurrentHashMap<>();
  private final Map<String, Hang> hangs = new ConcurrentHashMap<>();
  private final Map<String, Integer> always = new ConcurrentHashMap<>();
  private final List<Received> received = new CopyOnWriteArrayList<>();

  CallbackServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(threads);
    server.start();
  }

  String url(String pathAndQuery) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery;
  }

  void verifyWith(String path, Verify how) {
    verify.put(path, how);
  }

  /** The next distributions to {@code path} get these statuses, in order; later ones 200. */
  void answerPosts(String path, Integer... codes) {
    statuses.computeIfAbsent(path, p -> new ArrayDeque<>()).addAll(List.of(codes));
  }

  /** Every distribution to {@code path} gets {@code code} until {@link #recover}. */
  void failAll(String path, int code) {
    always.put(path, code);
  }

  void recover(String path) {
    always.remove(path);
  }

  Hang hang(String path) {
    Hang h = new Hang();
    hangs.put(path, h);
    return h;
  }

  List<Received> requests(String path, String method) {
    return received.stream()
        .filter(r -> r.path().equals(path) && r.method().equals(method))
        .toList();
  }

  List<Received> gets(String path) {
    return requests(path, "GET");
  }

  List<Received> posts(String path) {
    return requests(path, "POST");
  }

  /** Distributions to {@code path} that were answered 2xx. */
  List<Received> acknowledged(String path) {
    return posts(path).stream().filter(r -> r.answered() / 100 == 2).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      String path = exchange.getRequestURI().getRawPath();
      Map<String, List<String>> query = query(exchange.getRequestURI().getRawQuery());
      boolean get = exchange.getRequestMethod().equals("GET");
      if (get) {
        received.add(
            new Received("GET", path, query, Map.copyOf(exchange.getRequestHeaders()), body, 0));
        answerVerification(exchange, path, query);
        return;
      }
      Hang hang = hangs.get(path);
      if (hang != null) {
        hang.entered.countDown();
        try {
          hang.release.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      Deque<Integer> queue = statuses.get(path);
      Integer queued = queue == null ? null : queue.poll();
      int code = queued != null ? queued : always.getOrDefault(path, 200);
      received.add(
          new Received(
              exchange.getRequestMethod(),
              path,
              query,
              Map.copyOf(exchange.getRequestHeaders()),
              body,
              code));
      exchange.sendResponseHeaders(code, -1);
    }
  }

  private void answerVerification(
      HttpExchange exchange, String path, Map<String, List<String>> query) throws IOException {
    Verify how = verify.getOrDefault(path, Verify.ECHO);
    if (how == Verify.NOT_FOUND) {
      exchange.sendResponseHeaders(404, -1);
      return;
    }
    String challenge = query.getOrDefault("hub.challenge", List.of("")).get(0);
    byte[] answer =
        (how == Verify.ECHO ? challenge : challenge + "x").getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(200, answer.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(answer);
    }
  }

  private static Map<String, List<String>> query(String raw) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
    }
    return out;
  }

  @Override
  public void close() {
    hangs.values().forEach(h -> h.release.countDown());
    server.stop(0);
    threads.shutdownNow();
  }
}
