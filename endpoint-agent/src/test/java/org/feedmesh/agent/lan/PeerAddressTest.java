package org.feedmesh.agent.lan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PeerAddressTest {
  @Test
  void aHostAndPortGiveThePeersBaseUrl() {
    assertEquals(new PeerAddress("nas.local", 7000), PeerAddress.parse("nas.local:7000"));
    assertEquals(
        URI.create("http://nas.local:7000/"), PeerAddress.parse("nas.local:7000").baseUrl());
    assertEquals(URI.create("http://10.0.0.2:7000/"), PeerAddress.parse("10.0.0.2:7000").baseUrl());
  }

  @Test
  void anIpv6LiteralIsWrittenInBrackets() {
    PeerAddress p = PeerAddress.parse("[fd00::2]:7000");
    assertEquals("fd00::2", p.host());
    assertEquals(URI.create("http://[fd00::2]:7000/"), p.baseUrl());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "nas.local",
        ":7000",
        "nas.local:0",
        "nas.local:65536",
        "fd00::2:7000",
        "http://nas.local:7000",
        "nas local:7000",
        "nas.local:7000/x",
        "user@nas:7000"
      })
  void aMalformedPeerIsRefused(String bad) {
    assertThrows(IllegalArgumentException.class, () -> PeerAddress.parse(bad));
  }
}
