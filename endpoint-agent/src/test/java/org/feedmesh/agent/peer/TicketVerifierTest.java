package org.feedmesh.agent.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TicketVerifierTest {
  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  private static final long EXP = NOW.getEpochSecond() + 300;
  private static final KeyPair KEY = keyPair();
  private static final KeyPair OTHER_KEY = keyPair();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private final TicketVerifier verifier =
      new TicketVerifier(KEY.getPublic(), Clock.fixed(NOW, ZoneOffset.UTC));

  private static KeyPair keyPair() {
    try {
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String sign(KeyPair key, String claimsJson) {
    String body = B64.encodeToString(claimsJson.getBytes(StandardCharsets.UTF_8));
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initSign(key.getPrivate());
      s.update(body.getBytes(StandardCharsets.US_ASCII));
      return body + "." + B64.encodeToString(s.sign());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String claims(long exp) {
    return "{\"v\":1,\"kid\":\"k\",\"sub\":\"laptop\",\"ns\":[\"photos\",\"music\"],"
        + "\"iat\":"
        + (exp - 600)
        + ",\"exp\":"
        + exp
        + "}";
  }

  @Test
  void aTicketSignedByTheServerKeyNamesItsEndpointAndNamespaces() throws Exception {
    Ticket t = verifier.verify(sign(KEY, claims(EXP)));
    assertEquals("laptop", t.endpointId());
    assertEquals(Set.of("photos", "music"), t.namespaces());
    assertEquals(Instant.ofEpochSecond(EXP), t.expires());
  }

  @Test
  void aTicketJustPastItsExpiryIsStillAcceptedWithinTheClockSkew() throws Exception {
    long expiredRecently = NOW.getEpochSecond() - TicketVerifier.DEFAULT_CLOCK_SKEW.toSeconds();
    assertEquals("laptop", verifier.verify(sign(KEY, claims(expiredRecently))).endpointId());
  }

  @Test
  void aPeerAcceptsOnlyTicketsIssuedForItSoAShownTicketCannotBeReplayedToAnotherPeer() throws Exception {
    TicketVerifier carol = verifier.forAudience("carol");
    String forCarol = sign(KEY, claims(EXP).replace("}", ",\"aud\":\"carol\"}"));
    String forAlice = sign(KEY, claims(EXP).replace("}", ",\"aud\":\"alice\"}"));
    String forNobody = sign(KEY, claims(EXP));

    assertEquals("laptop", carol.verify(forCarol).endpointId());
    InvalidTicketException replayed = assertThrows(InvalidTicketException.class, () -> carol.verify(forAlice));
    assertTrue(replayed.getMessage().contains("not for this peer"), replayed.getMessage());
    assertThrows(InvalidTicketException.class, () -> carol.verify(forNobody));
    assertEquals("laptop", verifier.verify(forAlice).endpointId(), "a verifier without audience ignores aud");
  }

  @Test
  void unknownClaimsAreIgnored() throws Exception {
    String ticket =
        sign(KEY, "{\"v\":1,\"sub\":\"a\",\"ns\":[],\"exp\":" + EXP + ",\"later\":{\"x\":1}}");
    assertEquals(Set.of(), verifier.verify(ticket).namespaces());
  }

  static Stream<Arguments> refusedTickets() {
    String good = sign(KEY, claims(EXP));
    String[] parts = good.split("\\.");
    String tamperedClaims =
        B64.encodeToString(claims(EXP).replace("laptop", "laptoq").getBytes(StandardCharsets.UTF_8))
            + "."
            + parts[1];
    char last = parts[1].charAt(parts[1].length() - 2);
    String tamperedSignature =
        parts[0]
            + "."
            + parts[1].substring(0, parts[1].length() - 2)
            + (last == 'A' ? 'B' : 'A')
            + parts[1].charAt(parts[1].length() - 1);
    long expired = NOW.getEpochSecond() - TicketVerifier.DEFAULT_CLOCK_SKEW.toSeconds() - 1;
    return Stream.of(
        Arguments.of("empty", ""),
        Arguments.of("one part", parts[0]),
        Arguments.of("three parts", good + ".x"),
        Arguments.of("empty signature", parts[0] + "."),
        Arguments.of("empty claims", "." + parts[1]),
        Arguments.of("not base64url", "!!!." + parts[1]),
        Arguments.of("signature not base64url", parts[0] + ".***"),
        Arguments.of("tampered claims", tamperedClaims),
        Arguments.of("tampered signature", tamperedSignature),
        Arguments.of("signed by another key", sign(OTHER_KEY, claims(EXP))),
        Arguments.of("expired beyond the skew", sign(KEY, claims(expired))),
        Arguments.of("version 2", sign(KEY, claims(EXP).replace("\"v\":1", "\"v\":2"))),
        Arguments.of("no version", sign(KEY, claims(EXP).replace("\"v\":1,", ""))),
        Arguments.of("version as text", sign(KEY, claims(EXP).replace("\"v\":1", "\"v\":\"1\""))),
        Arguments.of("claims not JSON", sign(KEY, "not json")),
        Arguments.of("claims an array", sign(KEY, "[1,2]")),
        Arguments.of("no endpoint", sign(KEY, claims(EXP).replace("\"sub\":\"laptop\",", ""))),
        Arguments.of("invalid endpoint id", sign(KEY, claims(EXP).replace("laptop", "Lap top"))),
        Arguments.of("invalid namespace", sign(KEY, claims(EXP).replace("photos", "../x"))),
        Arguments.of("namespace not text", sign(KEY, claims(EXP).replace("\"photos\"", "7"))),
        Arguments.of(
            "expiry not a number",
            sign(KEY, claims(EXP).replace("\"exp\":", "\"exp\":\"x").replace("}", "\"}"))),
        Arguments.of(
            "expiry fractional",
            sign(KEY, claims(EXP).replace("\"exp\":" + EXP, "\"exp\":1.5e12"))),
        Arguments.of("far too long", "a".repeat(10_000) + "." + parts[1]));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedTickets")
  void isRefused(String what, String ticket) {
    InvalidTicketException e =
        assertThrows(InvalidTicketException.class, () -> verifier.verify(ticket), what);
    if (!ticket.isEmpty()) {
      assertEquals(-1, e.getMessage().indexOf(ticket), "the message does not repeat the ticket");
    }
  }

  @Test
  void checkSaysYesOrNoWithoutThrowing() {
    assertEquals("laptop", verifier.check(sign(KEY, claims(EXP))).orElseThrow().endpointId());
    assertEquals(java.util.Optional.empty(), verifier.check(sign(OTHER_KEY, claims(EXP))));
  }

  @Test
  void aNullTicketIsRefused() {
    assertThrows(InvalidTicketException.class, () -> verifier.verify(null));
  }
}
