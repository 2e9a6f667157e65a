package org.feedmesh.webapp.live;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.feedmesh.platform.auth.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The browser view's server-sent event streams. Events are small cues, never data: {@code journal}
 * ({@code {"namespace", "cursor"}}: the namespace's items changed and are indexed), {@code status}
 * ({@code {"namespace"}}: delivery reports arrived) and {@code endpoints} ({@code {}}: an endpoint
 * announced itself); the page then fetches what it shows from the JSON API, with its own rights.
 * A stream only hears about namespaces its caller may read.
 *
 * <p>No thread per client: the request's thread returns once the stream is registered, and one
 * scheduler thread sends events and, every {@code heartbeat}, a comment line that keeps proxies
 * from closing an idle stream and finds streams whose browser went away or whose session ended.
 * Senders (journal and status listeners) only enqueue. Thread-safe.
 */
public final class LiveEvents implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LiveEvents.class);

  /** One open stream. */
  private record Client(long id, SseEventSink sink, Sse sse, Caller caller, String sessionKey) {}

  private final Map<Long, Client> clients = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private final Predicate<String> sessionLive;
  private final ScheduledExecutorService sender =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "webapp-live-events");
            t.setDaemon(true);
            return t;
          });

  /**
   * @param sessionLive whether the session with this key is still live (streams of ended sessions
   *     are closed at the next heartbeat)
   */
  public LiveEvents(Duration heartbeat, Predicate<String> sessionLive) {
    this.sessionLive = Objects.requireNonNull(sessionLive, "sessionLive");
    long every = heartbeat.toMillis();
    sender.scheduleWithFixedDelay(this::heartbeat, every, every, TimeUnit.MILLISECONDS);
  }

  /** Registers an open stream and greets it with a {@code hello} event. */
  public void open(SseEventSink sink, Sse sse, Caller caller, String sessionKey) {
    Client c = new Client(ids.incrementAndGet(), sink, sse, caller, sessionKey);
    clients.put(c.id(), c);
    enqueue(() -> send(c, "hello", "{}"));
  }

  public int size() {
    return clients.size();
  }

  /** The namespace's items changed; the index has them up to {@code cursor}. */
  public void journaled(String namespace, long cursor) {
    String data = "{\"namespace\":" + quote(namespace) + ",\"cursor\":" + cursor + "}";
    broadcast("journal", data, c -> c.caller().canRead(namespace));
  }

  /** Delivery reports of the namespace arrived. */
  public void reported(String namespace) {
    String data = "{\"namespace\":" + quote(namespace) + "}";
    broadcast("status", data, c -> c.caller().canRead(namespace));
  }

  /** An endpoint announced itself (addresses, cursors, transfers, LAN peers). */
  public void endpointsChanged() {
    broadcast("endpoints", "{}", c -> true);
  }

  private void broadcast(String name, String data, Predicate<Client> audience) {
    enqueue(
        () -> {
          for (Client c : clients.values()) {
            if (audience.test(c)) {
              send(c, name, data);
            }
          }
        });
  }

  private void heartbeat() {
    try {
      beat();
    } catch (RuntimeException e) {
      // A failure must not end the schedule: the next beat tries again.
      log.warn("live events heartbeat failed", e);
    }
  }

  private void beat() {
    for (Client c : clients.values()) {
      if (!sessionLive.test(c.sessionKey())) {
        drop(c);
        continue;
      }
      if (c.sink().isClosed()) {
        drop(c);
        continue;
      }
      OutboundSseEvent comment = c.sse().newEventBuilder().comment("heartbeat").build();
      try {
        c.sink().send(comment).whenComplete((ok, failed) -> {
          if (failed != null) {
            drop(c);
          }
        });
      } catch (RuntimeException e) {
        drop(c);
      }
    }
  }

  private void send(Client c, String name, String data) {
    if (c.sink().isClosed()) {
      drop(c);
      return;
    }
    OutboundSseEvent event =
        c.sse()
            .newEventBuilder()
            .name(name)
            .mediaType(MediaType.APPLICATION_JSON_TYPE)
            .data(String.class, data)
            .reconnectDelay(3000)
            .build();
    try {
      c.sink().send(event).whenComplete((ok, failed) -> {
        if (failed != null) {
          drop(c);
        }
      });
    } catch (RuntimeException e) {
      drop(c);
    }
  }

  private void drop(Client c) {
    if (clients.remove(c.id()) != null) {
      try {
        c.sink().close();
      } catch (RuntimeException e) {
        log.debug("closing a live stream failed", e);
      }
    }
  }

  private void enqueue(Runnable r) {
    try {
      sender.execute(r);
    } catch (RejectedExecutionException e) {
      // closing: nobody is listening any more
    }
  }

  static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char ch : s.toCharArray()) {
      switch (ch) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        default -> {
          if (ch < 0x20) {
            b.append(String.format("\\u%04x", (int) ch));
          } else {
            b.append(ch);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  /** Closes every stream and stops the sender. */
  @Override
  public void close() {
    sender.shutdownNow();
    clients.values().forEach(this::drop);
  }

  /** For tests: the clients' ids. */
  Set<Long> clientIds() {
    return Set.copyOf(clients.keySet());
  }
}
