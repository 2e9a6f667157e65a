package org.feedmesh.platform.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokensTest {
  private final Tokens tokens = Tokens.secure();

  @Test
  void newTokenCarriesThePrefixAnd256RandomBits() {
    String token = tokens.newToken();
    assertTrue(token.startsWith("fm_"), token);
    byte[] random = Base64.getUrlDecoder().decode(token.substring(3));
    assertEquals(32, random.length);
    assertTrue(token.substring(3).matches("[A-Za-z0-9_-]+"), token);
  }

  @Test
  void newTokensDoNotRepeat() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      assertTrue(seen.add(tokens.newToken()));
    }
  }

  @Test
  void hashIsLowercaseHexSha256OfTheToken() {
    // sha256("abc"), the FIPS 180-2 test vector
    assertEquals(
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Tokens.hash("abc"));
  }

  @Test
  void matchesAcceptsTheRightTokenOnly() {
    String token = tokens.newToken();
    String hash = Tokens.hash(token);
    assertTrue(Tokens.matches(token, hash));
    assertTrue(Tokens.matches(token, hash.toUpperCase()));
    assertFalse(Tokens.matches(token + "x", hash));
    assertFalse(Tokens.matches(null, hash));
    assertFalse(Tokens.matches(token, null));
  }
}
