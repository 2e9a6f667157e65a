package org.feedmesh.server.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SignatureAlgorithmTest {
  /** RFC 4231 test case 2 (and RFC 2202 for SHA-1): key "Jefe". */
  @ParameterizedTest
  @CsvSource({
    "sha1, effcdf6ae5eb2fa2d27416d5f184df9c259a7c79",
    "sha256, 5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
    "sha384, af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e"
        + "8e2240ca5e69e2c78b3239ecfab21649",
    "sha512, 164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554"
        + "9758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737"
  })
  void signsTheBodyWithTheSecretAsHmacHex(String method, String hex) {
    byte[] body = "what do ya want for nothing?".getBytes(StandardCharsets.UTF_8);
    assertEquals(method + "=" + hex, SignatureAlgorithm.of(method).sign("Jefe", body));
  }

  @ParameterizedTest
  @ValueSource(strings = {"SHA256", " sha256 "})
  void methodNamesIgnoreCaseAndSpaces(String name) {
    assertEquals(SignatureAlgorithm.SHA256, SignatureAlgorithm.of(name));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "md5", "sha-256", "hmac-sha256"})
  void unknownMethodsAreRefusedNamingTheAllowedOnes(String name) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SignatureAlgorithm.of(name));
    assertTrue(e.getMessage().contains("sha1, sha256, sha384, sha512"), e.getMessage());
  }
}
