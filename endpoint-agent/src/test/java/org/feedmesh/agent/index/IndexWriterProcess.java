package org.feedmesh.agent.index;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.feedmesh.feedsync.fm.Block;
import org.feedmesh.feedsync.fm.FileMeta;
import org.feedmesh.feedsync.fm.Sha256;

/**
 * A separate JVM that opens an index and commits {@code count} entries (plus the cursor) one
 * transaction at a time, printing "committed N" after each, then waits to be killed.
 */
final class IndexWriterProcess {
  private IndexWriterProcess() {}

  public static void main(String[] args) throws Exception {
    Path state = Path.of(args[0]);
    int count = Integer.parseInt(args[1]);
    AgentIndex index;
    try {
      index = AgentIndex.open(state);
    } catch (IOException e) {
      System.out.println("cannot open: " + e.getMessage().replace('\n', ' '));
      System.out.flush();
      Thread.sleep(60_000);
      return;
    }
    System.out.println("opened");
    for (int i = 1; i <= count; i++) {
      int n = i;
      String path = "dir/file-" + n;
      String text = "content " + n;
      FileMeta meta = FileMeta.file(path, text.length(), Instant.ofEpochSecond(1_800_000_000L + n),
          0644, Sha256.hex(text), List.of(new Block(0, text.length(), Sha256.hex(text))));
      index.inTransaction(tx -> {
        tx.put(new IndexEntry(path, meta, null, true));
        tx.setCursor("ns", n);
      });
      System.out.println("committed " + n);
      System.out.flush();
    }
    Thread.sleep(60_000);
  }

  static Process start(Path state, int count) throws IOException {
    return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), IndexWriterProcess.class.getName(),
        state.toString(), Integer.toString(count))
        .redirectErrorStream(true)
        .start();
  }

  /** The next line the process prints that is not a log line; fails at its end. */
  static String readLine(Process p) throws IOException {
    BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = r.readLine()) != null) {
      if (line.startsWith("cannot open") || line.startsWith("committed") || line.equals("opened")) {
        return line;
      }
    }
    throw new IOException("the index writer process ended without saying more");
  }
}
