package org.feedmesh.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.OkHttpClient;
import org.feedmesh.lookup.BlobId;
import org.feedmesh.lookup.BlobLayout;
import org.feedmesh.lookup.Block;
import org.feedmesh.lookup.BlockHash;
import org.feedmesh.lookup.LocatorRequest;
import org.feedmesh.lookup.client.LookupClient;
import org.feedmesh.platform.auth.Tokens;
import org.feedmesh.server.FeedServer;
import org.feedmesh.server.ServerConfig;
import org.feedmesh.server.accounts.Grant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code feedmesh lookup} from the shaded jar, as a real process next to a real feed server. */
class LookupCommandIT {
  private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");

  @TempDir Path dir;

  @Test
  void lookupHelpDescribesItsOptions() throws Exception {
    FeedmeshJarIT.Run r = FeedmeshJarIT.run("lookup", "--help");
    assertEquals(0, r.exitCode(), r.stderr());
    assertTrue(r.stdout().contains("--server") && r.stdout().contains("--data"), r.stdout());
  }

  @Test
  void theLookupCommandServesEndpointsOfTheFeedServer() throws Exception {
    try (FeedServer server = FeedServer.start(ServerConfig.loopback(dir.resolve("server")))) {
      server.accounts().createNamespace("photos");
      String token = Tokens.secure().newToken();
      server
          .accounts()
          .createEndpoint(
              "laptop", null, Map.of("photos", Grant.readWrite()), false, Tokens.hash(token));
      Process p =
          new ProcessBuilder(
                  java(),
                  "-jar",
                  jar(),
                  "lookup",
                  "--host",
                  "127.0.0.1",
                  "--port",
                  "0",
                  "--data",
                  dir.resolve("lookup").toString(),
                  "--server",
                  server.baseUri().toString())
              .redirectErrorStream(true)
              .start();
      try {
        int port = portFrom(p);
        LookupClient laptop =
            new LookupClient(
                new OkHttpClient(), URI.create("http://127.0.0.1:" + port + "/"), token);
        byte[] content = "some bytes".getBytes(StandardCharsets.UTF_8);
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(content);
        BlobLayout b =
            new BlobLayout(
                BlobId.of(digest),
                content.length,
                List.of(new Block(0, 0, content.length, BlockHash.of(digest))));

        laptop.register(b.id(), "laptop", LocatorRequest.wholeBlob("photos", b));

        assertEquals(1, laptop.blob(b.id(), Optional.empty()).orElseThrow().locators().size());
        assertTrue(Files.exists(dir.resolve("lookup").resolve("lookup-admin.token")));
      } finally {
        p.destroy();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the lookup stops on SIGTERM");
      }
    }
  }

  /**
   * Reads the process output on a thread of its own until it says where it listens (deadline 60
   * s), then keeps draining it so the process never blocks on a full pipe.
   */
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
                  new IllegalStateException("the lookup ended without listening:\n" + seen));
            },
            "lookup-output");
    reader.setDaemon(true);
    reader.start();
    return port.get(60, TimeUnit.SECONDS);
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static String jar() {
    return System.getProperty("feedmesh.jar", "target/feedmesh.jar");
  }
}
