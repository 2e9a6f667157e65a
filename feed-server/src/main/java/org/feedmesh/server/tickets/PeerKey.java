package org.feedmesh.server.tickets;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import org.feedmesh.feedsync.fm.Sha256;
import org.feedmesh.platform.db.Database;
import org.feedmesh.platform.db.DatabaseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's Ed25519 signing key for peer tickets, created on first start and kept in the
 * database (table {@code peer_key}). The private key is stored PKCS#8-encoded next to the rest of
 * the server's secrets (token hashes): whoever can read the database file can sign tickets.
 *
 * <p>The key id is the first 16 hex digits of the SHA-256 of the public key's X.509 encoding, so
 * agents can tell which key signed a ticket. Immutable and thread-safe once loaded.
 */
public final class PeerKey {
  public static final String ALGORITHM = "Ed25519";

  private static final Logger log = LoggerFactory.getLogger(PeerKey.class);

  private final PublicKey publicKey;
  private final PrivateKey privateKey;
  private final String keyId;

  private PeerKey(PublicKey publicKey, PrivateKey privateKey) {
    this.publicKey = publicKey;
    this.privateKey = privateKey;
    this.keyId = keyId(publicKey);
  }

  /**
   * The key stored in {@code db}; creates and stores one first when there is none. Two servers
   * racing on one database both end up with the one that was stored first.
   */
  public static PeerKey ensure(Database db, SecureRandom random, Clock clock) {
    Objects.requireNonNull(random, "random");
    Objects.requireNonNull(clock, "clock");
    db.migrate(PeerKeySchema.MIGRATIONS);
    Optional<PeerKey> stored = load(db);
    if (stored.isPresent()) {
      return stored.get();
    }
    PeerKey created = generate(random);
    try {
      db.transaction(
          c -> {
            try (PreparedStatement ps =
                c.prepareStatement(
                    "INSERT INTO peer_key (id, algorithm, key_id, public_key, private_key,"
                        + " created_at) VALUES (1, ?, ?, ?, ?, ?)")) {
              ps.setString(1, ALGORITHM);
              ps.setString(2, created.keyId);
              ps.setBytes(3, created.publicKey.getEncoded());
              ps.setBytes(4, created.privateKey.getEncoded());
              ps.setObject(5, clock.instant().atOffset(ZoneOffset.UTC));
              ps.executeUpdate();
            }
            return null;
          });
      log.info("created the peer ticket signing key {} ({})", created.keyId, ALGORITHM);
      return created;
    } catch (DatabaseException e) {
      if (e.isDuplicateKey()) {
        return load(db).orElseThrow(() -> e);
      }
      throw e;
    }
  }

  private static Optional<PeerKey> load(Database db) {
    return db.read(
        c -> {
          try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT algorithm, public_key, private_key FROM peer_key WHERE id = 1");
              ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
              return Optional.empty();
            }
            String algorithm = rs.getString(1);
            if (!ALGORITHM.equals(algorithm)) {
              throw new IllegalStateException(
                  "the stored peer key uses "
                      + algorithm
                      + "; this server knows only "
                      + ALGORITHM);
            }
            return Optional.of(decode(rs.getBytes(2), rs.getBytes(3)));
          }
        });
  }

  private static PeerKey generate(SecureRandom random) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
      generator.initialize(NamedParameterSpec.ED25519, random);
      KeyPair pair = generator.generateKeyPair();
      return new PeerKey(pair.getPublic(), pair.getPrivate());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java 17 runtime has " + ALGORITHM, e);
    }
  }

  private static PeerKey decode(byte[] publicX509, byte[] privatePkcs8) {
    try {
      KeyFactory factory = KeyFactory.getInstance(ALGORITHM);
      return new PeerKey(
          factory.generatePublic(new X509EncodedKeySpec(publicX509)),
          factory.generatePrivate(new PKCS8EncodedKeySpec(privatePkcs8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the stored peer key cannot be decoded", e);
    }
  }

  /** First 16 hex digits of the SHA-256 of the key's X.509 encoding. */
  public static String keyId(PublicKey key) {
    return HexFormat.of().formatHex(Sha256.digest().digest(key.getEncoded())).substring(0, 16);
  }

  public PublicKey publicKey() {
    return publicKey;
  }

  public String keyId() {
    return keyId;
  }

  /** The Ed25519 signature of {@code data}. */
  public byte[] sign(byte[] data) {
    try {
      Signature signature = Signature.getInstance(ALGORITHM);
      signature.initSign(privateKey);
      signature.update(data);
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign with the peer key " + keyId, e);
    }
  }
}
