package org.feedmesh.agent.peer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A server socket that accepts connections and never answers. */
final class HangingPeer implements AutoCloseable {
  final List<Socket> accepted = new CopyOnWriteArrayList<>();
  private final ServerSocket socket;

  HangingPeer() throws IOException {
    socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread t =
        new Thread(
            () -> {
              try {
                while (true) {
                  accepted.add(socket.accept());
                }
              } catch (IOException closed) {
                // closed by the test
              }
            },
            "hanging-peer");
    t.setDaemon(true);
    t.start();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/");
  }

  @Override
  public void close() throws IOException {
    socket.close();
    for (Socket s : accepted) {
      s.close();
    }
  }
}
