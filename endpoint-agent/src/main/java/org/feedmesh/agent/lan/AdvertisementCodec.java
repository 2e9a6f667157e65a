package org.feedmesh.agent.lan;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.feedmesh.agent.lan.DecodeException.Reason;

/**
 * The binary form of an {@link Advertisement}, version 1 (the layout is in {@code
 * package-info.java} and {@code endpoint-agent/README-lan.md}). Encoding is canonical (namespaces
 * in name order), so equal advertisements give equal bytes; decoding is strict and refuses anything
 * else with a {@link DecodeException}. Stateless and thread-safe.
 */
public final class AdvertisementCodec {
  /** "FMLA": FeedMesh LAN advertisement. */
  static final byte[] MAGIC = {'F', 'M', 'L', 'A'};

  /** The largest datagram sent or accepted: fits in one unfragmented IPv6 packet. */
  public static final int MAX_DATAGRAM_BYTES = 1200;

  /** The largest advertisement served or accepted over TCP ({@code GET /advertisement}). */
  public static final int MAX_TCP_BYTES = 65_536;

  /** magic, version, flags, instance id, peer port, endpoint id length, namespace count. */
  private static final int FIXED_HEADER = 4 + 1 + 1 + 8 + 2 + 1 + 2;

  private static final int MAX_NAMESPACES = 0xFFFF;

  private AdvertisementCodec() {}

  /**
   * @throws IllegalArgumentException if the encoding would exceed {@code maxBytes} (the message
   *     says by how much)
   */
  public static byte[] encode(Advertisement ad, int maxBytes) {
    int size = encodedSize(ad.endpointId(), ad.cursors());
    if (size > maxBytes || ad.cursors().size() > MAX_NAMESPACES) {
      throw new IllegalArgumentException(
          "the advertisement of "
              + ad.endpointId()
              + " with "
              + ad.cursors().size()
              + " namespaces takes "
              + size
              + " bytes, more than the "
              + maxBytes
              + " allowed");
    }
    ByteBuffer b = ByteBuffer.allocate(size);
    b.put(MAGIC).put((byte) ad.version()).put((byte) 0);
    b.putLong(ad.instanceId()).putShort((short) ad.peerPort());
    putName(b, ad.endpointId());
    b.putShort((short) ad.cursors().size());
    ad.cursors()
        .forEach(
            (ns, cursor) -> {
              putName(b, ns);
              b.putLong(cursor);
            });
    return b.array();
  }

  /**
   * The datagrams that carry {@code ad}: one if it fits in {@link #MAX_DATAGRAM_BYTES}, else
   * several, each a complete advertisement with the same endpoint, instance and port and a share of
   * the namespaces (receivers merge datagrams of one instance).
   */
  public static List<byte[]> encodeDatagrams(Advertisement ad) {
    if (encodedSize(ad.endpointId(), ad.cursors()) <= MAX_DATAGRAM_BYTES) {
      return List.of(encode(ad, MAX_DATAGRAM_BYTES));
    }
    List<byte[]> out = new ArrayList<>();
    Map<String, Long> part = new LinkedHashMap<>();
    int size = FIXED_HEADER + ad.endpointId().length();
    for (Map.Entry<String, Long> e : ad.cursors().entrySet()) {
      int entry = 1 + e.getKey().length() + 8;
      if (size + entry > MAX_DATAGRAM_BYTES) {
        out.add(encode(ad.withCursors(part), MAX_DATAGRAM_BYTES));
        part.clear();
        size = FIXED_HEADER + ad.endpointId().length();
      }
      part.put(e.getKey(), e.getValue());
      size += entry;
    }
    out.add(encode(ad.withCursors(part), MAX_DATAGRAM_BYTES));
    return List.copyOf(out);
  }

  /** Decodes a whole array; see {@link #decode(byte[], int, int, int)}. */
  public static Advertisement decode(byte[] data, int maxBytes) throws DecodeException {
    return decode(data, 0, data.length, maxBytes);
  }

  /**
   * Decodes exactly {@code length} bytes at {@code offset}: refuses more than {@code maxBytes}, a
   * wrong magic or version, a short or over-long body, non-zero flags, invalid names, ports or
   * cursors, and namespaces out of order or repeated.
   */
  public static Advertisement decode(byte[] data, int offset, int length, int maxBytes)
      throws DecodeException {
    if (length > maxBytes) {
      throw new DecodeException(
          Reason.OVERSIZED, length + " bytes, more than the " + maxBytes + " allowed");
    }
    ByteBuffer b = ByteBuffer.wrap(data, offset, length).slice();
    checkMagicAndVersion(b);
    try {
      return decodeBody(b);
    } catch (BufferUnderflowException e) {
      throw new DecodeException(
          Reason.TRUNCATED, "the advertisement ends early, after " + length + " bytes");
    }
  }

  private static void checkMagicAndVersion(ByteBuffer b) throws DecodeException {
    byte[] head = new byte[Math.min(MAGIC.length, b.remaining())];
    b.get(head);
    if (!Arrays.equals(head, Arrays.copyOf(MAGIC, head.length))) {
      throw new DecodeException(Reason.BAD_MAGIC, "does not start with FMLA");
    }
    if (head.length < MAGIC.length || !b.hasRemaining()) {
      throw new DecodeException(Reason.TRUNCATED, "ends before the version byte");
    }
    int version = Byte.toUnsignedInt(b.get());
    if (version != Advertisement.CURRENT_VERSION) {
      throw new DecodeException(
          Reason.UNSUPPORTED_VERSION,
          "version " + version + " (this agent speaks " + Advertisement.CURRENT_VERSION + ")");
    }
  }

  private static Advertisement decodeBody(ByteBuffer b) throws DecodeException {
    int flags = Byte.toUnsignedInt(b.get());
    long instanceId = b.getLong();
    int peerPort = Short.toUnsignedInt(b.getShort());
    String endpointId = getName(b, "endpoint id");
    int count = Short.toUnsignedInt(b.getShort());
    TreeMap<String, Long> cursors = new TreeMap<>();
    String previous = null;
    for (int i = 0; i < count; i++) {
      String ns = getName(b, "namespace name");
      long cursor = b.getLong();
      if (previous != null && previous.compareTo(ns) >= 0) {
        throw new DecodeException(
            Reason.INVALID_FIELD,
            "namespace \"" + ns + "\" repeats or is out of order after \"" + previous + "\"");
      }
      previous = ns;
      cursors.put(ns, cursor);
    }
    if (b.hasRemaining()) {
      throw new DecodeException(
          Reason.TRAILING_BYTES, b.remaining() + " bytes after the advertisement");
    }
    if (flags != 0) {
      throw new DecodeException(Reason.INVALID_FIELD, "flags must be 0, got " + flags);
    }
    try {
      return Advertisement.of(endpointId, instanceId, peerPort, cursors);
    } catch (IllegalArgumentException e) {
      throw new DecodeException(Reason.INVALID_FIELD, e.getMessage());
    }
  }

  private static int encodedSize(String endpointId, Map<String, Long> cursors) {
    int size = FIXED_HEADER + endpointId.length();
    for (String ns : cursors.keySet()) {
      size += 1 + ns.length() + 8;
    }
    return size;
  }

  private static void putName(ByteBuffer b, String name) {
    byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
    b.put((byte) bytes.length).put(bytes);
  }

  private static String getName(ByteBuffer b, String what) throws DecodeException {
    int length = Byte.toUnsignedInt(b.get());
    byte[] bytes = new byte[length];
    b.get(bytes);
    String name = new String(bytes, StandardCharsets.US_ASCII);
    if (!Advertisement.isName(name)) {
      throw new DecodeException(
          Reason.INVALID_FIELD, "invalid " + what + " (" + length + " bytes)");
    }
    return name;
  }
}
