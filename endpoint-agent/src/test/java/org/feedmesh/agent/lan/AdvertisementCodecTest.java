package org.feedmesh.agent.lan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.feedmesh.agent.lan.DecodeException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AdvertisementCodecTest {
  static final Advertisement LAPTOP =
      Advertisement.of("laptop", 0x0102030405060708L, 8443, Map.of("photos", 42L, "docs", 7L));

  @Test
  void encodingFollowsTheDocumentedLayout() {
    String expected =
        "464d4c41" // magic FMLA
            + "01" // version
            + "00" // flags
            + "0102030405060708" // instance id
            + "20fb" // peer port 8443
            + "06"
            + hex("laptop")
            + "0002" // two namespaces, in name order
            + "04"
            + hex("docs")
            + "0000000000000007"
            + "06"
            + hex("photos")
            + "000000000000002a";
    assertEquals(expected, HexFormat.of().formatHex(AdvertisementCodec.encode(LAPTOP, 1200)));
  }

  @Test
  void decodingGivesBackWhatWasEncoded() throws DecodeException {
    byte[] bytes = AdvertisementCodec.encode(LAPTOP, AdvertisementCodec.MAX_DATAGRAM_BYTES);
    assertEquals(LAPTOP, AdvertisementCodec.decode(bytes, AdvertisementCodec.MAX_DATAGRAM_BYTES));
  }

  @Test
  void anAdvertisementWithoutNamespacesIsValid() throws DecodeException {
    Advertisement empty = Advertisement.of("a", -1L, 1, Map.of());
    byte[] bytes = AdvertisementCodec.encode(empty, 1200);
    assertEquals(empty, AdvertisementCodec.decode(bytes, 1200));
  }

  @Test
  void decodingReadsOnlyTheGivenSliceOfABuffer() throws DecodeException {
    byte[] bytes = AdvertisementCodec.encode(LAPTOP, 1200);
    byte[] buffer = new byte[bytes.length + 20];
    Arrays.fill(buffer, (byte) 0x55);
    System.arraycopy(bytes, 0, buffer, 10, bytes.length);
    assertEquals(LAPTOP, AdvertisementCodec.decode(buffer, 10, bytes.length, 1200));
  }

  @Test
  void anAdvertisementTooLargeForOneDatagramIsSplitIntoCompleteOnes() throws DecodeException {
    Map<String, Long> many = new TreeMap<>();
    for (int i = 0; i < 40; i++) {
      many.put(String.format("namespace-%02d-", i) + "x".repeat(48), (long) i * 1000);
    }
    Advertisement big = Advertisement.of("desktop", 9, 7000, many);

    List<byte[]> datagrams = AdvertisementCodec.encodeDatagrams(big);

    assertTrue(datagrams.size() > 1, "split into " + datagrams.size());
    Map<String, Long> seen = new TreeMap<>();
    for (byte[] d : datagrams) {
      assertTrue(d.length <= AdvertisementCodec.MAX_DATAGRAM_BYTES, d.length + " bytes");
      Advertisement part = AdvertisementCodec.decode(d, AdvertisementCodec.MAX_DATAGRAM_BYTES);
      assertEquals(big.withCursors(part.cursors()), part);
      seen.putAll(part.cursors());
    }
    assertEquals(many, seen);
  }

  @Test
  void aSmallAdvertisementIsOneDatagram() {
    assertEquals(1, AdvertisementCodec.encodeDatagrams(LAPTOP).size());
  }

  @Test
  void encodingRefusesToExceedTheLimitAndSaysBy() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> AdvertisementCodec.encode(LAPTOP, 40));
    assertTrue(e.getMessage().contains("more than the 40 allowed"), e.getMessage());
  }

  static Stream<Arguments> badBytes() {
    byte[] valid = AdvertisementCodec.encode(LAPTOP, 1200);
    byte[] oversized = Arrays.copyOf(valid, AdvertisementCodec.MAX_DATAGRAM_BYTES + 1);
    return Stream.of(
        bad("nothing", new byte[0], Reason.TRUNCATED),
        bad("half the magic", "FM".getBytes(StandardCharsets.US_ASCII), Reason.TRUNCATED),
        bad("magic only", "FMLA".getBytes(StandardCharsets.US_ASCII), Reason.TRUNCATED),
        bad("an HTTP request", ascii("GET / HTTP/1.1\r\n\r\n"), Reason.BAD_MAGIC),
        bad(
            "a Syncthing-like magic",
            new byte[] {0x2e, (byte) 0xa7, (byte) 0xd9, 0x0b},
            Reason.BAD_MAGIC),
        bad("one zero byte", new byte[1], Reason.BAD_MAGIC),
        bad(
            "version 2",
            RawDatagram.header(2, 0, 1, 80, "a").u16(0).build(),
            Reason.UNSUPPORTED_VERSION),
        bad(
            "version 0",
            RawDatagram.header(0, 0, 1, 80, "a").u16(0).build(),
            Reason.UNSUPPORTED_VERSION),
        bad("last byte missing", Arrays.copyOf(valid, valid.length - 1), Reason.TRUNCATED),
        bad("header only", Arrays.copyOf(valid, 14), Reason.TRUNCATED),
        bad(
            "more namespaces announced than sent",
            RawDatagram.header(1, 0, 1, 80, "a").u16(3).entry("x", 1).build(),
            Reason.TRUNCATED),
        bad(
            "name length past the end",
            RawDatagram.header(1, 0, 1, 80, "a").u16(1).u8(60).build(),
            Reason.TRUNCATED),
        bad("one trailing byte", concat(valid, new byte[1]), Reason.TRAILING_BYTES),
        bad("two advertisements in one datagram", concat(valid, valid), Reason.TRAILING_BYTES),
        bad("more than 1200 bytes", oversized, Reason.OVERSIZED),
        bad("flags set", RawDatagram.header(1, 1, 1, 80, "a").u16(0).build(), Reason.INVALID_FIELD),
        bad(
            "peer port 0",
            RawDatagram.header(1, 0, 1, 0, "a").u16(0).build(),
            Reason.INVALID_FIELD),
        bad(
            "empty endpoint id",
            RawDatagram.header(1, 0, 1, 80, "").u16(0).build(),
            Reason.INVALID_FIELD),
        bad(
            "upper-case endpoint id",
            RawDatagram.header(1, 0, 1, 80, "Laptop").u16(0).build(),
            Reason.INVALID_FIELD),
        bad(
            "endpoint id of 65 characters",
            RawDatagram.header(1, 0, 1, 80, "a".repeat(65)).u16(0).build(),
            Reason.INVALID_FIELD),
        bad(
            "endpoint id with a slash",
            RawDatagram.header(1, 0, 1, 80, "a/b").u16(0).build(),
            Reason.INVALID_FIELD),
        bad(
            "non-ASCII namespace",
            RawDatagram.header(1, 0, 1, 80, "a").u16(1).entry("caf\u00e9", 1).build(),
            Reason.INVALID_FIELD),
        bad(
            "namespace with a NUL",
            RawDatagram.header(1, 0, 1, 80, "a").u16(1).entry("a\u0000b", 1).build(),
            Reason.INVALID_FIELD),
        bad(
            "namespace starting with a dot",
            RawDatagram.header(1, 0, 1, 80, "a").u16(1).entry(".x", 1).build(),
            Reason.INVALID_FIELD),
        bad(
            "negative cursor",
            RawDatagram.header(1, 0, 1, 80, "a").u16(1).entry("x", -1).build(),
            Reason.INVALID_FIELD),
        bad(
            "repeated namespace",
            RawDatagram.header(1, 0, 1, 80, "a").u16(2).entry("x", 1).entry("x", 2).build(),
            Reason.INVALID_FIELD),
        bad(
            "namespaces out of order",
            RawDatagram.header(1, 0, 1, 80, "a").u16(2).entry("y", 1).entry("x", 2).build(),
            Reason.INVALID_FIELD));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badBytes")
  void badBytesAreRefusedWithTheirReason(String name, byte[] bytes, Reason reason) {
    DecodeException e =
        assertThrows(
            DecodeException.class,
            () -> AdvertisementCodec.decode(bytes, AdvertisementCodec.MAX_DATAGRAM_BYTES));
    assertEquals(reason, e.reason(), e.getMessage());
    assertTrue(e.getMessage().startsWith(reason.name()), e.getMessage());
  }

  @Test
  void theTcpLimitAcceptsWhatTheDatagramLimitRefuses() throws DecodeException {
    Map<String, Long> many = new TreeMap<>();
    for (int i = 0; i < 40; i++) {
      many.put("ns-" + i + "-" + "y".repeat(40), (long) i);
    }
    Advertisement big = Advertisement.of("desktop", 9, 7000, many);
    byte[] bytes = AdvertisementCodec.encode(big, AdvertisementCodec.MAX_TCP_BYTES);

    assertEquals(big, AdvertisementCodec.decode(bytes, AdvertisementCodec.MAX_TCP_BYTES));
    assertEquals(
        Reason.OVERSIZED,
        assertThrows(
                DecodeException.class,
                () -> AdvertisementCodec.decode(bytes, AdvertisementCodec.MAX_DATAGRAM_BYTES))
            .reason());
  }

  private static Arguments bad(String name, byte[] bytes, Reason reason) {
    return Arguments.of(name, bytes, reason);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static String hex(String s) {
    return HexFormat.of().formatHex(ascii(s));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
