package org.feedmesh.feedsync.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.feedmesh.feedsync.FeedHead;
import org.feedmesh.feedsync.Item;
import org.feedmesh.feedsync.SyncFeed;

/**
 * Any valid item survives writing and reading, in both formats and across them. jqwik's automatic
 * edge-case mixing is off: over these wide combinators it costs far more time than the tries, and
 * the generators already produce the extremes on purpose (empty and astral text, line breaks, the
 * largest sequence, empty lists, absent parts).
 */
class FeedRoundTripProperties {
  private static final FeedHead HEAD = FeedHead.of("urn:feedmesh:ns:random", "random", null);

  @Provide
  Arbitrary<Item> items() {
    return RandomItems.item();
  }

  private static Item through(Item item, FeedFormat format) {
    byte[] xml = FeedXml.toBytes(new SyncFeed(HEAD, List.of(item)), format);
    List<Item> back = FeedXml.read(xml).items();
    assertEquals(1, back.size(), Fixtures.text(xml));
    return back.get(0);
  }

  @Property(tries = 150, edgeCases = EdgeCasesMode.NONE)
  void randomItemsRoundTripThroughAtom(@ForAll("items") Item item) {
    assertEquals(item, through(item, FeedFormat.ATOM));
  }

  @Property(tries = 150, edgeCases = EdgeCasesMode.NONE)
  void randomItemsRoundTripThroughRss(@ForAll("items") Item item) {
    assertEquals(item, through(item, FeedFormat.RSS));
  }

  @Property(tries = 100, edgeCases = EdgeCasesMode.NONE)
  void atomToRssToAtomKeepsEverything(@ForAll("items") Item item) {
    assertEquals(item, through(through(through(item, FeedFormat.ATOM), FeedFormat.RSS), FeedFormat.ATOM));
  }

  @Property(tries = 50, edgeCases = EdgeCasesMode.NONE)
  void randomItemsRoundTripAsSingleEntryDocuments(@ForAll("items") Item item) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    EntryXml.write(item, out);
    assertEquals(item, EntryXml.readItem(new ByteArrayInputStream(out.toByteArray()), XmlLimits.DEFAULT));
  }
}
