package org.feedmesh.platform.http;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import javax.net.SocketFactory;

/**
 * Client sockets with {@code TCP_NODELAY} set, for OkHttp ({@code .socketFactory(new
 * NoDelaySockets())}).
 *
 * <p>A request whose body is streamed ends with a small last chunk written on its own. With Nagle's
 * algorithm that chunk waits for the acknowledgement of the previous segment, which the receiving
 * kernel delays by up to 40 ms: every streamed request (an agent's publish, a WebSub delivery)
 * would take 40 ms longer than its work. Our writes are already buffered into large segments, so
 * Nagle has nothing to coalesce.
 */
public final class NoDelaySockets extends SocketFactory {
  private final SocketFactory plain = SocketFactory.getDefault();

  @Override
  public Socket createSocket() throws IOException {
    return noDelay(plain.createSocket());
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return noDelay(plain.createSocket(host, port));
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
      throws IOException {
    return noDelay(plain.createSocket(host, port, localHost, localPort));
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return noDelay(plain.createSocket(host, port));
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return noDelay(plain.createSocket(address, port, localAddress, localPort));
  }

  private static Socket noDelay(Socket s) throws SocketException {
    s.setTcpNoDelay(true);
    return s;
  }
}
