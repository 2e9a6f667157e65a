package org.feedmesh.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stopping the server answers the clients parked in a long-poll, and says nothing alarming. */
class ShutdownTest {
  @TempDir Path data;

  @Test
  void parkedLongPollsGetTheirAnswerBeforeTheServerStops() throws Exception {
    List<LogRecord> severe = new ArrayList<>();
    Handler catcher = new Handler() {
      @Override
      public void publish(LogRecord r) {
        if (r.getLevel().intValue() >= Level.SEVERE.intValue()) {
          synchronized (severe) {
            severe.add(r);
          }
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    Logger jersey = Logger.getLogger("org.glassfish.jersey");
    jersey.addHandler(catcher);
    try {
      TestServer s = TestServer.start(data, 1 << 20);
      s.namespace("ns");
      String token = s.endpoint("laptop", "ns");
      List<CompletableFuture<Integer>> parked = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        parked.add(CompletableFuture.supplyAsync(() -> {
          try (Response r = s.get("feeds/ns?since=0&wait=60", token)) {
            r.body().bytes();
            return r.code();
          } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
          }
        }));
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (s.server.metrics().get("feedmesh.longpoll.waiting").gauge().value() < parked.size()) {
        assertTrue(System.nanoTime() < deadline, "the long-polls never parked");
        Thread.sleep(10);
      }

      s.close();
      for (CompletableFuture<Integer> p : parked) {
        assertEquals(200, p.get(10, TimeUnit.SECONDS), "a parked client gets its (empty) answer");
      }
      synchronized (severe) {
        assertEquals(List.of(), severe.stream().map(LogRecord::getMessage).toList(),
            "stopping is no error");
      }
    } finally {
      jersey.removeHandler(catcher);
    }
  }
}
