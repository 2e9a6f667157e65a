package org.feedmesh.platform.db.replication;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Encodes the rows an H2 trigger sees ({@code Object[]} in column order) to bytes and back, with a
 * type tag per value. Only the types FeedMesh's schemas use are known; any other type fails loudly,
 * which fails the statement that wrote it: nothing is committed that could not be replicated.
 *
 * <p>A change is {@code op} ({@code 'I'}, {@code 'U'}, {@code 'D'}), then the old row (update,
 * delete), then the new row (insert, update).
 */
public final class RowCodec {
  private static final byte NULL = 0;
  private static final byte STRING = 1;
  private static final byte INT = 2;
  private static final byte LONG = 3;
  private static final byte SHORT = 4;
  private static final byte BYTE = 5;
  private static final byte BOOLEAN = 6;
  private static final byte DOUBLE = 7;
  private static final byte FLOAT = 8;
  private static final byte DECIMAL = 9;
  private static final byte BYTES = 10;
  private static final byte OFFSET_DATE_TIME = 11;
  private static final byte LOCAL_DATE_TIME = 12;
  private static final byte LOCAL_DATE = 13;
  private static final byte LOCAL_TIME = 14;
  private static final byte UUID_TAG = 15;

  private RowCodec() {}

  /** One captured row change. */
  public record Change(char op, Object[] oldRow, Object[] newRow) {
    public Change {
      if (op != 'I' && op != 'U' && op != 'D') {
        throw new IllegalArgumentException("op is I, U or D, got " + op);
      }
      if ((op == 'I') != (oldRow == null) || (op == 'D') != (newRow == null)) {
        throw new IllegalArgumentException("op " + op + " does not match the rows given");
      }
    }
  }

  public static byte[] encode(Change change) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(change.op());
      if (change.oldRow() != null) {
        writeRow(out, change.oldRow());
      }
      if (change.newRow() != null) {
        writeRow(out, change.newRow());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  public static Change decode(byte[] data) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
      char op = (char) in.readByte();
      Object[] oldRow = op == 'I' ? null : readRow(in);
      Object[] newRow = op == 'D' ? null : readRow(in);
      return new Change(op, oldRow, newRow);
    } catch (IOException e) {
      throw new IllegalArgumentException("not an encoded row change: " + e.getMessage(), e);
    }
  }

  private static void writeRow(DataOutputStream out, Object[] row) throws IOException {
    out.writeInt(row.length);
    for (Object v : row) {
      writeValue(out, v);
    }
  }

  private static Object[] readRow(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > 10_000) {
      throw new IOException("implausible column count " + n);
    }
    Object[] row = new Object[n];
    for (int i = 0; i < n; i++) {
      row[i] = readValue(in);
    }
    return row;
  }

  private static void writeValue(DataOutputStream out, Object v) throws IOException {
    if (v == null) {
      out.writeByte(NULL);
    } else if (v instanceof String s) {
      out.writeByte(STRING);
      writeBytes(out, s.getBytes(StandardCharsets.UTF_8));
    } else if (v instanceof Integer i) {
      out.writeByte(INT);
      out.writeInt(i);
    } else if (v instanceof Long l) {
      out.writeByte(LONG);
      out.writeLong(l);
    } else if (v instanceof Short s) {
      out.writeByte(SHORT);
      out.writeShort(s);
    } else if (v instanceof Byte b) {
      out.writeByte(BYTE);
      out.writeByte(b);
    } else if (v instanceof Boolean b) {
      out.writeByte(BOOLEAN);
      out.writeBoolean(b);
    } else if (v instanceof Double d) {
      out.writeByte(DOUBLE);
      out.writeDouble(d);
    } else if (v instanceof Float f) {
      out.writeByte(FLOAT);
      out.writeFloat(f);
    } else if (v instanceof BigDecimal d) {
      out.writeByte(DECIMAL);
      out.writeInt(d.scale());
      writeBytes(out, d.unscaledValue().toByteArray());
    } else if (v instanceof byte[] b) {
      out.writeByte(BYTES);
      writeBytes(out, b);
    } else {
      writeTemporalOrLob(out, v);
    }
  }

  private static void writeTemporalOrLob(DataOutputStream out, Object v) throws IOException {
    if (v instanceof OffsetDateTime t) {
      out.writeByte(OFFSET_DATE_TIME);
      out.writeLong(t.toEpochSecond());
      out.writeInt(t.getNano());
      out.writeInt(t.getOffset().getTotalSeconds());
    } else if (v instanceof Timestamp t) {
      writeTemporalOrLob(out, t.toLocalDateTime());
    } else if (v instanceof LocalDateTime t) {
      out.writeByte(LOCAL_DATE_TIME);
      out.writeLong(t.toEpochSecond(ZoneOffset.UTC));
      out.writeInt(t.getNano());
    } else if (v instanceof java.sql.Date d) {
      writeTemporalOrLob(out, d.toLocalDate());
    } else if (v instanceof LocalDate d) {
      out.writeByte(LOCAL_DATE);
      out.writeLong(d.toEpochDay());
    } else if (v instanceof java.sql.Time t) {
      writeTemporalOrLob(out, t.toLocalTime());
    } else if (v instanceof LocalTime t) {
      out.writeByte(LOCAL_TIME);
      out.writeLong(t.toNanoOfDay());
    } else if (v instanceof UUID u) {
      out.writeByte(UUID_TAG);
      out.writeLong(u.getMostSignificantBits());
      out.writeLong(u.getLeastSignificantBits());
    } else if (v instanceof Clob c) {
      writeValue(out, readClob(c));
    } else if (v instanceof Blob b) {
      writeValue(out, readBlob(b));
    } else {
      throw new IllegalStateException(
          "cannot replicate a column value of type " + v.getClass().getName());
    }
  }

  private static Object readValue(DataInputStream in) throws IOException {
    byte tag = in.readByte();
    return switch (tag) {
      case NULL -> null;
      case STRING -> new String(readBytes(in), StandardCharsets.UTF_8);
      case INT -> in.readInt();
      case LONG -> in.readLong();
      case SHORT -> in.readShort();
      case BYTE -> in.readByte();
      case BOOLEAN -> in.readBoolean();
      case DOUBLE -> in.readDouble();
      case FLOAT -> in.readFloat();
      case DECIMAL -> {
        int scale = in.readInt();
        yield new BigDecimal(new BigInteger(readBytes(in)), scale);
      }
      case BYTES -> readBytes(in);
      case OFFSET_DATE_TIME -> {
        long seconds = in.readLong();
        int nanos = in.readInt();
        ZoneOffset offset = ZoneOffset.ofTotalSeconds(in.readInt());
        yield OffsetDateTime.ofInstant(java.time.Instant.ofEpochSecond(seconds, nanos), offset);
      }
      case LOCAL_DATE_TIME -> {
        long seconds = in.readLong();
        yield LocalDateTime.ofEpochSecond(seconds, in.readInt(), ZoneOffset.UTC);
      }
      case LOCAL_DATE -> LocalDate.ofEpochDay(in.readLong());
      case LOCAL_TIME -> LocalTime.ofNanoOfDay(in.readLong());
      case UUID_TAG -> new UUID(in.readLong(), in.readLong());
      default -> throw new IOException("unknown value tag " + tag);
    };
  }

  private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
    out.writeInt(b.length);
    out.write(b);
  }

  private static byte[] readBytes(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      throw new IOException("negative length " + n);
    }
    byte[] b = in.readNBytes(n);
    if (b.length != n) {
      throw new IOException("truncated value: " + b.length + " of " + n + " bytes");
    }
    return b;
  }

  private static String readClob(Clob c) {
    try {
      return c.getSubString(1, Math.toIntExact(c.length()));
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read a CLOB to replicate it", e);
    }
  }

  private static byte[] readBlob(Blob b) {
    try {
      return b.getBytes(1, Math.toIntExact(b.length()));
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read a BLOB to replicate it", e);
    }
  }
}
