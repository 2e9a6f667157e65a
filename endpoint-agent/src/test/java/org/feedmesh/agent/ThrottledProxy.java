package org.feedmesh.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP proxy on loopback that forwards to a target port at a limited rate (bytes per second,
 * target to client, shared by all connections): makes a peer slow enough to interrupt a download half-way.
 */
final class ThrottledProxy implements AutoCloseable {
  private final ServerSocket listener;
  private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "throttled-proxy");
    t.setDaemon(true);
    return t;
  });
  private volatile boolean open = true;
  /** Every connection's two sockets: closing the proxy cuts them all, as a network outage would. */
  private final java.util.Set<Socket> sockets = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final int targetPort;

  /** A proxy in front of a port that is free now, for a peer to listen on behind it. */
  static ThrottledProxy toFreePort(long bytesPerSecond) throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    return new ThrottledProxy(port, bytesPerSecond);
  }

  ThrottledProxy(int targetPort, long bytesPerSecond) throws IOException {
    this(0, targetPort, bytesPerSecond);
  }

  /** A proxy listening on {@code listenPort} (0: any free port), e.g. again where a closed one was. */
  ThrottledProxy(int listenPort, int targetPort, long bytesPerSecond) throws IOException {
    this.targetPort = targetPort;
    listener = new ServerSocket();
    listener.setReuseAddress(true);
    listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), listenPort), 50);
    pool.execute(() -> {
      while (open) {
        try {
          Socket client = listener.accept();
          sockets.add(client);
          Socket target = new Socket();
          sockets.add(target);
          target.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort));
          pool.execute(() -> pump(client, target, Long.MAX_VALUE));
          pool.execute(() -> pump(target, client, bytesPerSecond));
        } catch (IOException e) {
          return;
        }
      }
    });
  }

  /** The port this proxy forwards to. */
  int targetPort() {
    return targetPort;
  }

  /** Lifts the limit (new bytes flow at full speed). */
  synchronized void unthrottle() {
    unlimited = true;
  }

  private volatile boolean unlimited;

  URI uri() {
    return URI.create("http://127.0.0.1:" + port());
  }

  int port() {
    return listener.getLocalPort();
  }

  private final long start = System.nanoTime();
  private long sentAll;

  /** Waits until {@code n} more bytes fit the rate shared by all connections. */
  private void pace(long n, long rate) throws InterruptedException {
    long due;
    synchronized (this) {
      sentAll += n;
      due = start + sentAll * 1_000_000_000L / rate;
    }
    long wait = due - System.nanoTime();
    if (wait > 0) {
      Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
    }
  }

  private void pump(Socket from, Socket to, long rate) {
    byte[] buf = new byte[16 * 1024];
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      for (int n; (n = in.read(buf)) > 0; ) {
        out.write(buf, 0, n);
        out.flush();
        if (rate != Long.MAX_VALUE && !unlimited) {
          pace(n, rate);
        }
      }
    } catch (IOException | InterruptedException e) {
      // connection closed
    } finally {
      try {
        from.close();
        to.close();
      } catch (IOException e) {
        // already closed
      }
    }
  }

  @Override
  public void close() throws IOException {
    open = false;
    listener.close();
    for (Socket s : sockets) {
      s.close();
    }
    pool.shutdownNow();
  }
}
