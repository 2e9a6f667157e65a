package org.feedmesh.platform.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/** Every socket the factory makes, connected or not, has Nagle's algorithm off. */
class NoDelaySocketsTest {
  private final NoDelaySockets factory = new NoDelaySockets();

  @Test
  void plainSocketsStillHaveNagleOnSoTheFactoryIsWhatTurnsItOff() throws Exception {
    try (Socket s = new Socket()) {
      assertFalse(s.getTcpNoDelay(), "the JDK default this factory exists to change");
    }
  }

  @Test
  void everyWayOfMakingASocketTurnsNagleOff() throws Exception {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    try (ServerSocket server = new ServerSocket(0, 50, loopback)) {
      int port = server.getLocalPort();
      List<Callable<Socket>> ways =
          List.of(
              factory::createSocket,
              () -> factory.createSocket(loopback.getHostAddress(), port),
              () -> factory.createSocket(loopback.getHostAddress(), port, loopback, 0),
              () -> factory.createSocket(loopback, port),
              () -> factory.createSocket(loopback, port, loopback, 0));
      for (Callable<Socket> way : ways) {
        try (Socket s = way.call()) {
          assertTrue(s.getTcpNoDelay(), "TCP_NODELAY on " + s);
        }
      }
      try (Socket s = factory.createSocket()) {
        s.connect(new InetSocketAddress(loopback, port));
        assertTrue(s.getTcpNoDelay(), "still on once connected, as OkHttp connects it");
      }
    }
  }
}
