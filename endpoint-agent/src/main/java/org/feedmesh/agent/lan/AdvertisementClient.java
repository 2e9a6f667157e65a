package org.feedmesh.agent.lan;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.util.Objects;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Asks a peer known by address for its advertisement ({@code GET /advertisement} on its peer port),
 * for peers broadcast does not reach: those the server names and those given with {@code --peer}.
 * Thread-safe.
 */
public final class AdvertisementClient {
  private final OkHttpClient http;
  private final Supplier<String> ticket;

  /**
   * @param ticket this agent's current peer ticket, sent as {@code Authorization: Bearer}
   */
  public AdvertisementClient(OkHttpClient http, Supplier<String> ticket) {
    this.http = Objects.requireNonNull(http, "http");
    this.ticket = Objects.requireNonNull(ticket, "ticket");
  }

  /**
   * @param peer the peer's base URL, {@code http://HOST:PORT/}
   * @throws DecodeException if the answer is not a valid advertisement
   * @throws IOException if the peer cannot be reached or does not answer 200 (the message has the
   *     status)
   */
  public Advertisement fetch(URI peer) throws IOException {
    HttpUrl base = HttpUrl.get(peer.toString());
    HttpUrl url = base.newBuilder().encodedPath(AdvertisementServlet.PATH).build();
    Request request =
        new Request.Builder().url(url).header("Authorization", "Bearer " + ticket.get()).build();
    try (Response response = http.newCall(request).execute()) {
      if (response.code() != 200) {
        throw new IOException(
            "peer "
                + base
                + " answered "
                + response.code()
                + " to GET "
                + AdvertisementServlet.PATH);
      }
      ResponseBody body = response.body();
      try (InputStream in = body.byteStream()) {
        byte[] data = in.readNBytes(AdvertisementCodec.MAX_TCP_BYTES + 1);
        return AdvertisementCodec.decode(data, AdvertisementCodec.MAX_TCP_BYTES);
      }
    }
  }

  /**
   * Fetches the advertisement of {@code peer} and records it in {@code peers}, at the address and
   * port that answered.
   *
   * @return the entry as now in the table
   */
  public LanPeer fetchInto(URI peer, LanPeers peers) throws IOException {
    Advertisement ad = fetch(peer);
    HttpUrl url = HttpUrl.get(peer.toString());
    InetAddress address = InetAddress.getByName(url.host());
    peers.seen(ad, address, url.port(), LanPeer.Via.TCP);
    return peers.peers(ad.endpointId()).stream()
        .filter(p -> p.instanceId() == ad.instanceId())
        .findFirst()
        .orElseThrow(() -> new IOException("the LAN peer table is full; " + peer + " not kept"));
  }
}
