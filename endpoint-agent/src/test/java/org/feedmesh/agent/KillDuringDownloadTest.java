package org.feedmesh.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.feedmesh.feedsync.fm.Block;
import org.feedmesh.feedsync.fm.FileMeta;
import org.feedmesh.feedsync.fm.Sha256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent process killed with SIGKILL in the middle of a download never leaves a partial file at
 * the final path, and when restarted it keeps the blocks it already had and finishes.
 */
class KillDuringDownloadTest {
  static final int SIZE = 16 * 1024 * 1024;

  @TempDir Path tmp;

  @Test
  void aKilledDownloadLeavesNoPartialFileAndResumesAfterRestart() throws Exception {
    try (Cluster cluster = new Cluster(tmp, "alice", "bob")) {
      // 1 MiB/s: bob needs 16 s for the file, time enough to check him mid-download on busy cores
      try (ThrottledProxy slow = ThrottledProxy.toFreePort(1024L * 1024)) {
        cluster.start(cluster.behind("alice", slow));
        byte[] content = new byte[SIZE];
        new Random(7).nextBytes(content);
        Path source = cluster.folder("alice").resolve("big.bin");
        try (OutputStream o = Files.newOutputStream(source)) {
          o.write(content);
        }
        String blobId = Sha256.hex(content);
        Cluster.await("alice to publish big.bin", () -> current(cluster).isPresent());
        List<Block> blocks = current(cluster).get().blocks();

        Path bob = Files.createDirectories(cluster.folder("bob"));
        Path target = bob.resolve("big.bin");
        Process first = cluster.startProcess("bob", tmp.resolve("bob-1.log"));
        try {
          Cluster.await("bob to hold a few blocks in his temporary file",
              () -> heldInTemp(bob, blocks) >= 3);
          var seen = new java.util.concurrent.atomic.AtomicReference<com.fasterxml.jackson.databind.JsonNode>();
          Cluster.await("the blob lookup to name bob as a holder of some blocks while he still downloads",
              () -> partialHolder(cluster, blobId, "bob", blocks.size())
                  .filter(l -> l.path("heldCount").asInt() >= 2)
                  .map(l -> {
                    seen.set(l);
                    return true;
                  })
                  .orElse(false));
          // every block the lookup says bob holds, bob's peer port serves from his temporary file
          var locator = seen.get();
          String ticket = ticketForBob(cluster);
          int served = 0;
          for (var range : locator.path("held")) {
            for (int i = range.get(0).asInt(); i <= range.get(1).asInt(); i++) {
              Block b = blocks.get(i);
              byte[] expected = Arrays.copyOfRange(content, (int) b.offset(), (int) b.end());
              assertArrayEquals(expected,
                  blockFrom(locator.path("peerUrls").get(0).asText(), b.hash(), ticket),
                  "block " + i + " while bob still downloads");
              served++;
            }
          }
          assertTrue(served >= 2, "bob served " + served + " blocks");
          first.destroyForcibly().waitFor();
        } finally {
          first.destroyForcibly();
        }
        assertFalse(Files.exists(target), "no partial file at the final path after kill -9");
        int held = heldInTemp(bob, blocks);
        assertTrue(held >= 3 && held < blocks.size(), "the temporary file kept " + held + " blocks");

        slow.unthrottle();
        Process second = cluster.startProcess("bob", tmp.resolve("bob-2.log"));
        try {
          Cluster.await("bob to finish big.bin after the restart", () -> {
            try {
              return Files.isRegularFile(target) && Files.size(target) == SIZE;
            } catch (IOException e) {
              return false;
            }
          });
          assertEquals(blobId, Sha256.hex(Files.readAllBytes(target)));
          String log = Files.readString(tmp.resolve("bob-2.log"));
          Matcher m = Pattern.compile("resuming big\\.bin: (\\d+) of (\\d+) blocks are already here").matcher(log);
          assertTrue(m.find(), "the restarted agent resumes the download:\n" + log);
          assertTrue(Integer.parseInt(m.group(1)) >= held - 1, log);
        } finally {
          second.destroyForcibly().waitFor();
        }
      }
    }
  }

  private static Optional<FileMeta> current(Cluster cluster) {
    return cluster.server.journal().current(Cluster.NS, FileMeta.itemId(Cluster.NS, "big.bin"))
        .map(i -> i.payload().file());
  }

  /** The lookup's locator of {@code endpoint} when it holds some but not all blocks of the blob. */
  private static Optional<com.fasterxml.jackson.databind.JsonNode> partialHolder(
      Cluster cluster, String blobId, String endpoint, int blockCount) {
    okhttp3.Request r = new okhttp3.Request.Builder()
        .url(cluster.server.baseUri().resolve("blobs/" + blobId).toString())
        .header("Authorization", "Bearer " + cluster.tokens.get("alice")).build();
    try (okhttp3.Response resp = new okhttp3.OkHttpClient().newCall(r).execute()) {
      if (!resp.isSuccessful()) {
        return Optional.empty();
      }
      var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(resp.body().string());
      for (var l : json.path("locators")) {
        int held = l.path("heldCount").asInt();
        if (l.path("endpointId").asText().equals(endpoint) && held > 0 && held < blockCount) {
          return Optional.of(l);
        }
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** A ticket the server signs for alice to show at bob's peer port. */
  private static String ticketForBob(Cluster cluster) throws IOException {
    okhttp3.Request r = new okhttp3.Request.Builder()
        .url(cluster.server.baseUri().resolve("endpoints/self/ticket?audience=bob").toString())
        .header("Authorization", "Bearer " + cluster.tokens.get("alice"))
        .post(okhttp3.RequestBody.create(new byte[0])).build();
    try (okhttp3.Response resp = new okhttp3.OkHttpClient().newCall(r).execute()) {
      assertEquals(200, resp.code());
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(resp.body().string()).path("ticket").asText();
    }
  }

  private static byte[] blockFrom(String peerUrl, String hash, String ticket) throws IOException {
    okhttp3.Request r = new okhttp3.Request.Builder()
        .url(java.net.URI.create(peerUrl).resolve("blocks/" + hash).toString())
        .header("Authorization", "Bearer " + ticket).build();
    try (okhttp3.Response resp = new okhttp3.OkHttpClient().newCall(r).execute()) {
      assertEquals(200, resp.code(), "bob's peer port on block " + hash);
      return resp.body().bytes();
    }
  }

  /** How many of the blob's blocks are already correct in bob's temporary file. */
  private static int heldInTemp(Path folder, List<Block> blocks) {
    try (Stream<Path> s = Files.list(folder)) {
      Optional<Path> temp = s.filter(p -> p.getFileName().toString().startsWith(".feedmesh-tmp-")).findFirst();
      if (temp.isEmpty()) {
        return 0;
      }
      byte[] data = Files.readAllBytes(temp.get());
      int held = 0;
      for (Block b : blocks) {
        if (b.offset() + b.size() <= data.length
            && Sha256.hex(java.util.Arrays.copyOfRange(data, (int) b.offset(), (int) (b.offset() + b.size()))).equals(b.hash())) {
          held++;
        }
      }
      return held;
    } catch (IOException e) {
      return 0;
    }
  }
}
