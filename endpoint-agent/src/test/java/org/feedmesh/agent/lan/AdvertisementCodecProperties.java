package org.feedmesh.agent.lan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class AdvertisementCodecProperties {

  @Property(tries = 300)
  void everyValidAdvertisementSurvivesEncodingAndDecoding(
      @ForAll("advertisements") Advertisement ad) throws DecodeException {
    for (byte[] d : AdvertisementCodec.encodeDatagrams(ad)) {
      Advertisement part = AdvertisementCodec.decode(d, AdvertisementCodec.MAX_DATAGRAM_BYTES);
      assertEquals(ad.withCursors(part.cursors()), part);
    }
    byte[] whole = AdvertisementCodec.encode(ad, AdvertisementCodec.MAX_TCP_BYTES);
    assertEquals(ad, AdvertisementCodec.decode(whole, AdvertisementCodec.MAX_TCP_BYTES));
  }

  @Property(tries = 300)
  void arbitraryBytesAreRefusedOnlyWithADecodeException(@ForAll @Size(max = 1300) byte[] bytes) {
    decodeOrRefuse(bytes);
  }

  @Property(tries = 300)
  void aDamagedAdvertisementDecodesToAValidOneOrIsRefused(
      @ForAll("advertisements") Advertisement ad,
      @ForAll @IntRange(min = 0, max = 2000) int where,
      @ForAll byte value,
      @ForAll @IntRange(min = 0, max = 2000) int cut) {
    byte[] bytes = AdvertisementCodec.encodeDatagrams(ad).get(0);
    bytes[where % bytes.length] = value;
    decodeOrRefuse(Arrays.copyOf(bytes, Math.min(bytes.length, cut)));
    decodeOrRefuse(bytes);
  }

  private static void decodeOrRefuse(byte[] bytes) {
    try {
      AdvertisementCodec.decode(bytes, AdvertisementCodec.MAX_DATAGRAM_BYTES);
    } catch (DecodeException expected) {
      // refused: fine; any other exception fails the property
    }
  }

  @Provide
  Arbitrary<Advertisement> advertisements() {
    Arbitrary<String> names =
        Arbitraries.strings()
            .withChars("abcdefghijklmnopqrstuvwxyz0123456789._-")
            .ofMinLength(0)
            .ofMaxLength(63)
            .map(s -> "n" + s);
    Arbitrary<Map<String, Long>> cursors =
        Arbitraries.maps(names, Arbitraries.longs().greaterOrEqual(0)).ofMaxSize(30);
    return Combinators.combine(
            names, Arbitraries.longs(), Arbitraries.integers().between(1, 65_535), cursors)
        .as(Advertisement::of);
  }
}
