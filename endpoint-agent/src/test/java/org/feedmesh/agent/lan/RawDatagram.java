package org.feedmesh.agent.lan;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Writes datagram fields one by one, valid or not, to build the bytes a test needs. */
final class RawDatagram {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  static RawDatagram header(int version, int flags, long instance, int port, String endpoint) {
    return new RawDatagram()
        .bytes("FMLA".getBytes(StandardCharsets.US_ASCII))
        .u8(version)
        .u8(flags)
        .i64(instance)
        .u16(port)
        .name(endpoint);
  }

  RawDatagram u8(int v) {
    out.write(v);
    return this;
  }

  RawDatagram u16(int v) {
    return bytes(ByteBuffer.allocate(2).putShort((short) v).array());
  }

  RawDatagram i64(long v) {
    return bytes(ByteBuffer.allocate(8).putLong(v).array());
  }

  RawDatagram name(String s) {
    byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
    return u8(b.length).bytes(b);
  }

  RawDatagram entry(String namespace, long cursor) {
    return name(namespace).i64(cursor);
  }

  RawDatagram bytes(byte[] b) {
    out.writeBytes(b);
    return this;
  }

  byte[] build() {
    return out.toByteArray();
  }
}
