package org.feedmesh.server.cluster;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.feedmesh.platform.db.replication.ChangeLog;

/**
 * The body of {@code GET /cluster/log}: a count, then per entry its position, table name and
 * encoded change (each length-prefixed). Binary, because changes carry whole rows.
 */
final class LogWire {
  static final String MEDIA_TYPE = "application/vnd.feedmesh.changes";
  private static final int MAX_ENTRIES = 100_000;
  private static final int MAX_ENTRY_BYTES = 512 * 1024 * 1024;

  private LogWire() {}

  static void write(List<ChangeLog.Entry> entries, OutputStream stream) throws IOException {
    DataOutputStream out = new DataOutputStream(stream);
    out.writeInt(entries.size());
    for (ChangeLog.Entry e : entries) {
      out.writeLong(e.seq());
      byte[] table = e.table().getBytes(StandardCharsets.UTF_8);
      out.writeInt(table.length);
      out.write(table);
      out.writeInt(e.data().length);
      out.write(e.data());
    }
    out.flush();
  }

  static List<ChangeLog.Entry> read(InputStream stream) throws IOException {
    DataInputStream in = new DataInputStream(stream);
    int n = in.readInt();
    if (n < 0 || n > MAX_ENTRIES) {
      throw new IOException("implausible entry count " + n);
    }
    List<ChangeLog.Entry> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      long seq = in.readLong();
      String table = new String(bytes(in, 1024), StandardCharsets.UTF_8);
      out.add(new ChangeLog.Entry(seq, table, bytes(in, MAX_ENTRY_BYTES)));
    }
    return out;
  }

  private static byte[] bytes(DataInputStream in, int max) throws IOException {
    int len = in.readInt();
    if (len < 0 || len > max) {
      throw new IOException("implausible length " + len);
    }
    byte[] b = new byte[len];
    in.readFully(b);
    return b;
  }
}
