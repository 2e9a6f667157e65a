package org.feedmesh.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code feedmesh server} from the shaded jar serves the browser view at {@code /}. */
class ServerViewIT {
  private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");

  @TempDir Path dir;

  @Test
  void theServerCommandServesTheBrowserViewAtTheRoot() throws Exception {
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                System.getProperty("feedmesh.jar", "target/feedmesh.jar"),
                "server",
                "--host",
                "127.0.0.1",
                "--port",
                "0",
                "--data",
                dir.toString())
            .redirectErrorStream(true)
            .start();
    try {
      int port = portFrom(p);
      OkHttpClient http = new OkHttpClient.Builder().followRedirects(false).build();
      String base = "http://127.0.0.1:" + port;
      try (Response r = http.newCall(new Request.Builder().url(base + "/").build()).execute()) {
        assertEquals(303, r.code());
        assertTrue(r.header("Location").contains("/ui/sign-in"), r.header("Location"));
      }
      try (Response r =
          http.newCall(new Request.Builder().url(base + "/ui/sign-in").build()).execute()) {
        assertEquals(200, r.code());
        assertTrue(r.body().string().contains("action=\"/ui/sign-in\""));
      }
      try (Response r =
          http.newCall(new Request.Builder().url(base + "/ui/assets/app.js").build()).execute()) {
        assertEquals(200, r.code());
      }
    } finally {
      p.destroy();
      assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the server stops on SIGTERM");
    }
  }

  /** Drains the output on its own thread; answers the port once the server says it listens. */
  private static int portFrom(Process p) throws Exception {
    CompletableFuture<Integer> port = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              StringBuilder seen = new StringBuilder();
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                  seen.append(line).append('\n');
                  Matcher m = LISTENING.matcher(line);
                  if (m.find()) {
                    port.complete(Integer.parseInt(m.group(1)));
                  }
                }
              } catch (java.io.IOException e) {
                port.completeExceptionally(e);
              }
              port.completeExceptionally(
                  new IllegalStateException("the server ended without listening:\n" + seen));
            },
            "server-output");
    reader.setDaemon(true);
    reader.start();
    return port.get(60, TimeUnit.SECONDS);
  }
}
