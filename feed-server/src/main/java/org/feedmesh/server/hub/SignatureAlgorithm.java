package org.feedmesh.server.hub;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HMAC algorithms WebSub allows for {@code X-Hub-Signature: method=signature}; the hub signs
 * every distribution to a subscriber that gave a {@code hub.secret} with one of them.
 */
public enum SignatureAlgorithm {
  SHA1("sha1", "HmacSHA1"),
  SHA256("sha256", "HmacSHA256"),
  SHA384("sha384", "HmacSHA384"),
  SHA512("sha512", "HmacSHA512");

  /** The header carrying the signature. */
  public static final String HEADER = "X-Hub-Signature";

  private final String method;
  private final String jcaName;

  SignatureAlgorithm(String method, String jcaName) {
    this.method = method;
    this.jcaName = jcaName;
  }

  /** The method name in the header, e.g. {@code sha256}. */
  public String method() {
    return method;
  }

  /**
   * The header value for {@code body} signed with {@code secret}: {@code sha256=} and the lowercase
   * hex HMAC of the exact body bytes, keyed with the secret's UTF-8 bytes.
   */
  public String sign(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance(jcaName);
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), jcaName));
      return method + "=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("every Java runtime has " + jcaName, e);
    }
  }

  /**
   * The algorithm for a method name ({@code sha1}, {@code sha256}, {@code sha384}, {@code sha512};
   * case does not matter).
   *
   * @throws IllegalArgumentException naming the methods allowed
   */
  public static SignatureAlgorithm of(String method) {
    String m = method == null ? "" : method.strip().toLowerCase(Locale.ROOT);
    for (SignatureAlgorithm a : values()) {
      if (a.method.equals(m)) {
        return a;
      }
    }
    throw new IllegalArgumentException(
        "signature algorithm must be one of "
            + Arrays.stream(values())
                .map(SignatureAlgorithm::method)
                .collect(Collectors.joining(", "))
            + ", got '"
            + method
            + "'");
  }
}
