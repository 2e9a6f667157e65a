package org.feedmesh.agent.peer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Downloads from real peer servers (and real misbehaving ones) over loopback, with tickets from an
 * in-process feed server. Dave downloads; Alice, Bob and Carol hold every block.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(PeerFixture.Shared.class)
class BlockFetcherTest {
  private static final int N = 30;

  /** For the peer that never answers: abandoned after 300 ms of silence. */
  // A read timeout short enough to abandon the hanging peer quickly, long enough that the good
  // peer answers within it on two busy cores (at 300 ms it did not always, with the whole suite).
  private static final FetchSettings IMPATIENT =
      FetchSettings.DEFAULT.withTimeouts(
          Duration.ofSeconds(3), Duration.ofMillis(1500), Duration.ofSeconds(20));

  @TempDir static Path temp;
  private PeerFixture fixture;
  private BlockFolder alice;
  private final Map<String, PeerServer> peers = new LinkedHashMap<>();
  private TicketSource dave;
  private BlockFetcher fetcher;
  private final Map<String, byte[]> received = new ConcurrentHashMap<>();
  private final BlockSink sink = (b, data, from) -> received.put(b.hash(), data);

  @BeforeAll
  void start(PeerFixture fixture) throws IOException {
    this.fixture = fixture;
    fixture.namespace("photos");
    for (String id : List.of("alice", "bob", "carol", "dave")) {
      fixture.endpoint(id, "photos");
    }
    Random random = new Random(7);
    int[] sizes = new int[N];
    for (int i = 0; i < N; i++) {
      sizes[i] = 10_000 + random.nextInt(50_000);
    }
    alice = new BlockFolder(temp.resolve("alice"), "blocks.bin", 3, sizes);
    for (String id : List.of("alice", "bob", "carol")) {
      BlockFolder folder = id.equals("alice") ? alice : BlockFolder.copyOf(alice, temp.resolve(id));
      peers.put(
          id,
          PeerServer.start(
              PeerSettings.loopback(), fixture.tickets(id).verifier(), "photos", folder));
    }
    dave = fixture.tickets("dave");
    fetcher = new BlockFetcher(fixture.http, dave, FetchSettings.DEFAULT);
  }

  @AfterAll
  void stop() {
    fetcher.close();
    peers.values().forEach(PeerServer::close);
  }

  @AfterEach
  void forget() {
    received.clear();
  }

  private PeerSource peer(String id) {
    return new PeerSource(id, peers.get(id).baseUri());
  }

  private static Map<String, List<PeerSource>> everyBlockFrom(
      List<WantedBlock> blocks, PeerSource... sources) {
    Map<String, List<PeerSource>> out = new LinkedHashMap<>();
    blocks.forEach(b -> out.put(b.hash(), List.of(sources)));
    return out;
  }

  private void assertReceivedIntact(FetchResult result, List<WantedBlock> blocks) {
    assertEquals(Set.of(), result.missing());
    assertEquals(blocks.size(), result.fetched().size());
    for (WantedBlock b : blocks) {
      assertArrayEquals(alice.content.get(b.hash()), received.get(b.hash()), b.hash());
    }
  }

  @Test
  void blocksAreSpreadAcrossThreePeersDownloadingAtOnce() {
    Map<String, Long> before = new LinkedHashMap<>();
    peers.forEach((id, p) -> before.put(id, p.bytesServedTo("dave")));
    FetchResult result =
        fetcher.fetch(
            alice.blocks,
            everyBlockFrom(alice.blocks, peer("alice"), peer("bob"), peer("carol")),
            sink);
    assertReceivedIntact(result, alice.blocks);
    long total = alice.blocks.stream().mapToLong(WantedBlock::size).sum();
    assertEquals(total, result.totalBytes());
    for (String id : peers.keySet()) {
      long received = result.bytesByEndpoint().getOrDefault(id, 0L);
      assertTrue(received > 0, id + " served some blocks: " + result.bytesByEndpoint());
      // A peer counts a block once its last byte is written, which may be just after we read it;
      // under load a request the fetcher gave up on may have been sent in full too, so at least.
      Await.until(
          id + " counted the " + received + " bytes it sent",
          () -> peers.get(id).bytesServedTo("dave") - before.get(id) >= received);
    }
  }

  @Test
  void aPeerThatSendsWrongBytesIsDetectedAndRoutedAround() throws Exception {
    try (TestPeer liar =
        new TestPeer(
            (hash, n, resp) -> {
              byte[] wrong = new byte[alice.content.get(hash).length]; // right length, wrong bytes
              resp.setContentLength(wrong.length);
              resp.getOutputStream().write(wrong);
            })) {
      PeerSource lying = new PeerSource("mallory", liar.uri());
      List<WantedBlock> some = alice.blocks.subList(0, 8);
      FetchResult result = fetcher.fetch(some, everyBlockFrom(some, lying, peer("bob")), sink);
      assertReceivedIntact(result, some);
      assertTrue(liar.requests.get() > 0, "the liar was asked");
      assertEquals(Set.of("bob"), result.bytesByEndpoint().keySet());
    }
  }

  @Test
  void aPeerThatIsDownIsSkipped() throws IOException {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    PeerSource down = new PeerSource("gone", URI.create("http://127.0.0.1:" + closedPort));
    List<WantedBlock> some = alice.blocks.subList(0, 6);
    FetchResult result = fetcher.fetch(some, everyBlockFrom(some, down, peer("carol")), sink);
    assertReceivedIntact(result, some);
    assertEquals(Set.of("carol"), result.bytesByEndpoint().keySet());
  }

  @Test
  void whenEveryCandidateIsDownTheFetchEndsWithTheBlocksMissing() throws IOException {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    PeerSource down = new PeerSource("gone", URI.create("http://127.0.0.1:" + closedPort));
    List<WantedBlock> some = alice.blocks.subList(0, 10);
    FetchResult result = fetcher.fetch(some, everyBlockFrom(some, down), sink);
    assertEquals(10, result.missing().size());
    assertEquals(Set.of(), result.fetched());
    assertTrue(received.isEmpty());
  }

  @Test
  void aPeerThatAcceptsButNeverAnswersIsAbandonedAfterTheReadTimeout() throws IOException {
    try (HangingPeer hanging = new HangingPeer();
        BlockFetcher impatient = new BlockFetcher(fixture.http, dave, IMPATIENT)) {
      PeerSource slow = new PeerSource("sloth", hanging.uri());
      List<WantedBlock> some = alice.blocks.subList(0, 6);
      FetchResult result = impatient.fetch(some, everyBlockFrom(some, slow, peer("alice")), sink);
      assertReceivedIntact(result, some);
      assertTrue(hanging.accepted.size() > 0, "the hanging peer was tried");
      assertEquals(Set.of("alice"), result.bytesByEndpoint().keySet());
    }
  }

  @Test
  void aPeerAtItsUploadLimitAnswers503AndTheBlockComesFromAnother() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    BlockProvider holding =
        hash -> {
          entered.countDown();
          try {
            release.await(20, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return alice.locate(hash);
        };
    try (PeerServer busy =
        PeerServer.start(
            PeerSettings.loopback().withMaxUploads(1),
            fixture.tickets("alice").verifier(),
            "photos",
            holding)) {
      Thread occupier = new Thread(() -> get(busy.baseUri() + "blocks/" + alice.block(0).hash()));
      occupier.start();
      assertTrue(entered.await(20, TimeUnit.SECONDS));
      assertEquals(503, get(busy.baseUri() + "blocks/" + alice.block(1).hash()));

      PeerSource full = new PeerSource("busy", busy.baseUri());
      List<WantedBlock> some = alice.blocks.subList(1, 5);
      FetchResult result = fetcher.fetch(some, everyBlockFrom(some, full, peer("bob")), sink);
      assertReceivedIntact(result, some);
      assertEquals(Set.of("bob"), result.bytesByEndpoint().keySet());
      release.countDown();
      occupier.join(20_000);
    }
  }

  @Test
  void aBlockWhoseOnlyPeerIsBusyIsAskedAgainAfterRetryAfter() throws Exception {
    try (TestPeer onceBusy =
        new TestPeer(
            (hash, n, resp) -> {
              if (n == 0) {
                resp.setStatus(503);
                resp.setHeader("Retry-After", "1");
                return;
              }
              byte[] data = alice.content.get(hash);
              resp.setContentLength(data.length);
              resp.getOutputStream().write(data);
            })) {
      List<WantedBlock> one = alice.blocks.subList(0, 1);
      FetchResult result =
          fetcher.fetch(one, everyBlockFrom(one, new PeerSource("flaky", onceBusy.uri())), sink);
      assertReceivedIntact(result, one);
      assertEquals(2, onceBusy.requests.get());
    }
  }

  @Test
  void blocksNoPeerDeliversAreMissingAndTheRestArrive() {
    WantedBlock unknown = new WantedBlock("a".repeat(64), 100);
    WantedBlock orphan = new WantedBlock("b".repeat(64), 100);
    List<WantedBlock> wanted = new ArrayList<>(alice.blocks.subList(0, 3));
    wanted.add(unknown);
    wanted.add(orphan);
    Map<String, List<PeerSource>> candidates =
        new LinkedHashMap<>(everyBlockFrom(alice.blocks.subList(0, 3), peer("alice")));
    candidates.put(unknown.hash(), List.of(peer("alice"), peer("bob")));
    FetchResult result = fetcher.fetch(wanted, candidates, sink);
    assertEquals(Set.of(unknown.hash(), orphan.hash()), result.missing());
    assertEquals(3, result.fetched().size());
  }

  @Test
  void whenTheSinkCannotStoreABlockItIsMissing() {
    WantedBlock refused = alice.block(2);
    BlockSink failing =
        (b, data, from) -> {
          if (b.equals(refused)) {
            throw new IOException("disk full");
          }
          received.put(b.hash(), data);
        };
    List<WantedBlock> some = alice.blocks.subList(0, 4);
    FetchResult result = fetcher.fetch(some, everyBlockFrom(some, peer("alice")), failing);
    assertEquals(Set.of(refused.hash()), result.missing());
    assertEquals(3, result.fetched().size());
  }

  @Test
  void noPeerGetsMoreDownloadsAtOnceThanThePerPeerLimitNorAllMoreThanTheTotal() throws Exception {
    TestPeer.Answer slowHonest =
        (hash, n, resp) -> {
          try {
            Thread.sleep(20); // lets downloads overlap; the assertion does not depend on it
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          byte[] data = alice.content.get(hash);
          resp.setContentLength(data.length);
          resp.getOutputStream().write(data);
        };
    try (TestPeer a = new TestPeer(slowHonest);
        TestPeer b = new TestPeer(slowHonest);
        TestPeer c = new TestPeer(slowHonest);
        BlockFetcher limited =
            new BlockFetcher(fixture.http, dave, FetchSettings.DEFAULT.withConcurrency(2, 3))) {
      List<TestPeer> all = List.of(a, b, c);
      PeerSource[] sources = {
        new PeerSource("pa", a.uri()), new PeerSource("pb", b.uri()), new PeerSource("pc", c.uri())
      };
      FetchResult result = limited.fetch(alice.blocks, everyBlockFrom(alice.blocks, sources), sink);
      assertReceivedIntact(result, alice.blocks);
      int sumOfMax = 0;
      for (TestPeer p : all) {
        assertTrue(p.maxConcurrent.get() <= 2, "per peer: " + p.maxConcurrent.get());
        sumOfMax += p.maxConcurrent.get();
      }
      assertTrue(sumOfMax >= 3, "downloads overlapped across peers: " + sumOfMax);
    }
  }

  @Test
  void smallBlocksFromOnePeerComeInOneRequestWithOneIndexLookup() throws IOException {
    CountingBlocks counting = new CountingBlocks(alice);
    try (PeerServer counted =
        PeerServer.start(
            PeerSettings.loopback(), fixture.tickets("alice").verifier(), "photos", counting)) {
      FetchResult result =
          fetcher.fetch(
              alice.blocks, everyBlockFrom(alice.blocks, new PeerSource("alice2", counted.baseUri())), sink);
      assertReceivedIntact(result, alice.blocks);
      assertEquals(1, counting.batches.get(), "one request for all " + N + " blocks");
      assertEquals(0, counting.singles.get(), "no block was asked for on its own");
    }
  }

  /** A peer that takes batches and answers each with {@code frame}. */
  private TestPeer batchPeer(TestPeer.Answer single, Framer frame) throws Exception {
    return new TestPeer(
        single,
        (hashes, resp) -> {
          resp.setContentType(BlockServlet.BATCH_TYPE);
          var out = resp.getOutputStream();
          for (int i = 0; i < hashes.size(); i++) {
            frame.frame(i, hashes.get(i), out);
          }
        });
  }

  @FunctionalInterface
  private interface Framer {
    void frame(int index, String hash, java.io.OutputStream out) throws IOException;
  }

  private void honestFrame(String hash, java.io.OutputStream out) throws IOException {
    byte[] data = alice.content.get(hash);
    out.write((hash + " " + data.length + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    out.write(data);
  }

  private static final TestPeer.Answer NO_SINGLES = (hash, n, resp) -> resp.setStatus(404);

  @Test
  void aWrongBlockInABatchIsTakenElsewhereAndTheBatchsOtherBlocksAreKept() throws Exception {
    Set<String> spoiled = ConcurrentHashMap.newKeySet();
    Map<String, String> from = new ConcurrentHashMap<>();
    BlockSink recording = (b, data, peer) -> {
      received.put(b.hash(), data);
      from.put(b.hash(), peer.endpointId());
    };
    try (TestPeer liar =
        batchPeer(
            NO_SINGLES,
            (i, hash, out) -> {
              if (i == 1) { // the second block of every batch: right length, wrong bytes
                spoiled.add(hash);
                byte[] wrong = new byte[alice.content.get(hash).length];
                out.write((hash + " " + wrong.length + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                out.write(wrong);
              } else {
                honestFrame(hash, out);
              }
            })) {
      FetchResult result =
          fetcher.fetch(
              alice.blocks,
              everyBlockFrom(alice.blocks, new PeerSource("mallory", liar.uri()), peer("bob")),
              recording);
      assertReceivedIntact(result, alice.blocks);
      assertTrue(liar.batches.get() > 0 && !spoiled.isEmpty(), "the liar was asked for batches");
      for (String h : spoiled) {
        assertEquals("bob", from.get(h), "a spoiled block came from the honest peer");
      }
      long fromLiar = from.values().stream().filter("mallory"::equals).count();
      assertTrue(fromLiar > 0, "the liar's good blocks were kept: " + from);
      assertEquals(0, liar.requests.get(), "no block was asked of the liar again on its own");
    }
  }

  @Test
  void aBatchWhoseFramesGoAstrayCostsOnlyTheBlocksNotYetDelivered() throws Exception {
    Map<String, String> from = new ConcurrentHashMap<>();
    BlockSink recording = (b, data, peer) -> {
      received.put(b.hash(), data);
      from.put(b.hash(), peer.endpointId());
    };
    List<String> firsts = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (TestPeer astray =
        batchPeer(
            NO_SINGLES,
            (i, hash, out) -> {
              if (i == 0) {
                firsts.add(hash);
                honestFrame(hash, out);
              } else {
                honestFrame(alice.block(0).hash(), out); // a frame for a block not asked here
              }
            })) {
      List<WantedBlock> some = alice.blocks.subList(1, 12);
      FetchResult result =
          fetcher.fetch(
              some, everyBlockFrom(some, new PeerSource("astray", astray.uri()), peer("carol")), recording);
      assertReceivedIntact(result, some);
      assertTrue(!firsts.isEmpty(), "the peer was asked");
      for (String h : firsts) {
        assertEquals("astray", from.get(h), "the block before the stray frame was kept");
      }
      assertEquals(
          some.size() - firsts.size(),
          from.values().stream().filter("carol"::equals).count(),
          "every other block came from carol: " + from);
    }
  }

  @Test
  void aPeerThatDoesNotTakeBatchesIsAskedBlockByBlockThenOfferedABatchAgainTenMinutesLater()
      throws Exception {
    TestPeer.Answer honest =
        (hash, n, resp) -> {
          byte[] data = alice.content.get(hash);
          resp.setContentLength(data.length);
          resp.getOutputStream().write(data);
        };
    java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong();
    try (TestPeer older = new TestPeer(honest);
        BlockFetcher fresh =
            new BlockFetcher(fixture.http, FetchSettings.DEFAULT, peer -> dave.get(), now::get)) {
      PeerSource p = new PeerSource("older", older.uri());
      List<WantedBlock> first = alice.blocks.subList(0, 10);
      assertReceivedIntact(fresh.fetch(first, everyBlockFrom(first, p), sink), first);
      assertEquals(10, older.requests.get(), "each block asked with its own GET");
      int refusedBatches = older.batches.get();
      assertTrue(refusedBatches >= 1, "a batch was tried first");

      now.addAndGet(BlockFetcher.SINGLE_ONLY_NANOS - 1);
      List<WantedBlock> second = alice.blocks.subList(10, 20);
      assertReceivedIntact(fresh.fetch(second, everyBlockFrom(second, p), sink), second);
      assertEquals(refusedBatches, older.batches.get(), "no batch is tried again meanwhile");
      assertEquals(20, older.requests.get());

      now.addAndGet(1); // ten minutes on: it may have been upgraded
      List<WantedBlock> third = alice.blocks.subList(20, 30);
      assertReceivedIntact(fresh.fetch(third, everyBlockFrom(third, p), sink), third);
      assertTrue(older.batches.get() > refusedBatches, "a batch is offered again");
      assertEquals(30, older.requests.get(), "and refused, so each block came on its own");
    }
  }

  private int get(String url) {
    Request request =
        new Request.Builder().url(url).header("Authorization", "Bearer " + dave.get()).build();
    try (Response r = fixture.http.newCall(request).execute()) {
      r.body().bytes();
      return r.code();
    } catch (IOException e) {
      return -1;
    }
  }
}
