package org.feedmesh.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.feedmesh.feedsync.FeedHead;
import org.feedmesh.feedsync.Item;
import org.feedmesh.feedsync.Payload;
import org.feedmesh.feedsync.Sharing;
import org.feedmesh.feedsync.fm.Block;
import org.feedmesh.feedsync.fm.FileMeta;
import org.feedmesh.feedsync.fm.Sha256;
import org.feedmesh.feedsync.xml.FeedFormat;
import org.feedmesh.feedsync.xml.FeedReader;
import org.feedmesh.feedsync.xml.FeedWriter;
import org.feedmesh.feedsync.xml.XmlLimits;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Writing and parsing a 100,000-item sync feed of realistic {@code fm:file} items (three 1 MiB
 * blocks, three history entries from two endpoints), streaming: writing into a byte-counting sink,
 * parsing from a temporary file. One operation is the whole feed. Run with a small heap (e.g.
 * {@code -jvmArgsAppend -Xmx64m}) to see that memory does not grow with the feed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
@Fork(1)
public class FeedXmlBenchmark {
  private static final int POOL = 1024;
  private static final FeedHead HEAD = new FeedHead("urn:feedmesh:ns:bench", "bench",
      Instant.parse("2026-11-21T09:30:00Z"), List.of(), Sharing.ofCursors(0, 100_000), false);

  @Param({"100000"})
  public int items;

  @Param({"ATOM", "RSS"})
  public FeedFormat format;

  private List<Item> pool;
  private Path feed;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    pool = new ArrayList<>(POOL);
    for (int i = 0; i < POOL; i++) {
      pool.add(fileItem(i));
    }
    feed = Files.createTempFile("feedmesh-bench-", ".xml");
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(feed))) {
      write(out);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    Files.deleteIfExists(feed);
  }

  @Benchmark
  public long writeFeed() throws IOException {
    CountingSink sink = new CountingSink();
    write(sink);
    return sink.count;
  }

  @Benchmark
  public long parseFeed(Blackhole hole) throws IOException {
    long n = 0;
    try (InputStream in = new BufferedInputStream(Files.newInputStream(feed), 1 << 16);
         FeedReader reader = FeedReader.open(in, XmlLimits.DEFAULT)) {
      while (reader.hasNext()) {
        hole.consume(reader.next());
        n++;
      }
    }
    if (n != items) {
      throw new IllegalStateException("read " + n + " items, expected " + items);
    }
    return n;
  }

  /**
   * Baseline, not FeedMesh code: the JDK's StAX parser walking the same document, touching every
   * attribute value and text, building nothing. What parsing costs before any tree or model.
   */
  @Benchmark
  public long staxBaseline() throws IOException, XMLStreamException {
    XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    long n = 0;
    try (InputStream in = new BufferedInputStream(Files.newInputStream(feed), 1 << 16)) {
      XMLStreamReader xml = factory.createXMLStreamReader(in);
      while (xml.hasNext()) {
        int event = xml.next();
        if (event == XMLStreamConstants.START_ELEMENT) {
          for (int i = 0; i < xml.getAttributeCount(); i++) {
            n += xml.getAttributeValue(i).length();
          }
        } else if (event == XMLStreamConstants.CHARACTERS) {
          n += xml.getTextLength();
        }
      }
      xml.close();
    }
    return n;
  }

  private void write(OutputStream out) throws IOException {
    try (FeedWriter writer = FeedWriter.open(out, format, HEAD)) {
      for (int i = 0; i < items; i++) {
        writer.write(pool.get(i % POOL));
      }
      writer.finish();
    }
  }

  /** A file of three 1 MiB blocks, created on one endpoint, edited on another, then again. */
  static Item fileItem(int n) {
    String path = "projects/feedmesh/docs/folder-" + (n % 50) + "/report-" + n + ".odt";
    List<Block> blocks = new ArrayList<>();
    for (int b = 0; b < 3; b++) {
      blocks.add(new Block((long) b << 20, 1 << 20, Sha256.hex(path + "#" + b)));
    }
    Instant t = Instant.parse("2026-11-21T09:30:00Z").plusSeconds(n);
    FileMeta file = FileMeta.file(path, 3L << 20, t, 0644, Sha256.hex(path), blocks);
    Payload payload = Payload.ofFile(file).withUpdated(t);
    String id = FileMeta.itemId("bench", path);
    return Item.create(id, "laptop-7f3a", t.minusSeconds(86_400), payload)
        .updated("desktop-91c2", t.minusSeconds(3_600), payload)
        .updated("laptop-7f3a", t, payload);
  }

  /** Discards what is written, counting bytes. */
  static final class CountingSink extends OutputStream {
    long count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
    }
  }
}
