package org.feedmesh.platform.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Secret tokens: {@code fm_} followed by 32 random bytes (256 bits) in URL-safe base64 without
 * padding, 46 characters in all. Servers keep only {@link #hash(String)} of a token and compare
 * with {@link #matches(String, String)}, which takes the same time wherever the hashes differ.
 */
public final class Tokens {
  /** Every FeedMesh token starts with this, so leaked tokens are easy to recognise and scan for. */
  public static final String PREFIX = "fm_";

  public static final int RANDOM_BYTES = 32;

  private final SecureRandom random;

  /** Tokens from the given source; production code passes a {@link SecureRandom} it owns. */
  public Tokens(SecureRandom random) {
    this.random = Objects.requireNonNull(random, "random");
  }

  /** Tokens from a fresh, self-seeded {@link SecureRandom}. */
  public static Tokens secure() {
    return new Tokens(new SecureRandom());
  }

  /** A new random token. Show it to its owner once; store only its hash. */
  public String newToken() {
    byte[] bytes = new byte[RANDOM_BYTES];
    random.nextBytes(bytes);
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Lowercase hex SHA-256 of the token's UTF-8 bytes. */
  public static String hash(String token) {
    Objects.requireNonNull(token, "token");
    return HexFormat.of().formatHex(sha256().digest(token.getBytes(StandardCharsets.UTF_8)));
  }

  /** Whether {@code token} hashes to {@code expectedHash}, compared in constant time. */
  public static boolean matches(String token, String expectedHash) {
    if (token == null || expectedHash == null) {
      return false;
    }
    byte[] actual = hash(token).getBytes(StandardCharsets.US_ASCII);
    byte[] expected =
        expectedHash.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(actual, expected);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
