package org.feedmesh.lookup.standalone;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.feedmesh.platform.auth.Tokens;

/**
 * The standalone lookup's own admin token, in {@code DATA/lookup-admin.token} (mode 600): created
 * on first start, read on later ones. Only its hash stays in memory. It lets an operator use the
 * lookup even without (or while it cannot reach) a feed server.
 */
final class LocalAdminToken {
  static final String FILE_NAME = "lookup-admin.token";
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private final Path file;
  private final String hash;

  private LocalAdminToken(Path file, String hash) {
    this.file = file;
    this.hash = hash;
  }

  /** Reads the token file in {@code dataDir}, writing a new token first when there is none. */
  static LocalAdminToken ensure(Path dataDir, Tokens tokens) throws IOException {
    Path file = dataDir.resolve(FILE_NAME);
    if (!Files.exists(file)) {
      write(file, tokens.newToken());
    }
    String token = Files.readString(file, StandardCharsets.UTF_8).strip();
    if (!token.startsWith(Tokens.PREFIX)) {
      throw new IOException(file + " does not hold a FeedMesh token; delete it to get a new one");
    }
    return new LocalAdminToken(file, Tokens.hash(token));
  }

  Path file() {
    return file;
  }

  boolean matches(String token) {
    return Tokens.matches(token, hash);
  }

  private static void write(Path file, String token) throws IOException {
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    FileAttribute<?>[] attrs =
        posix
            ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
            : new FileAttribute<?>[0];
    try (FileChannel ch =
        FileChannel.open(
            file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attrs)) {
      ch.write(ByteBuffer.wrap((token + "\n").getBytes(StandardCharsets.UTF_8)));
      ch.force(true);
    }
    if (posix) {
      Files.setPosixFilePermissions(file, OWNER_ONLY);
    }
  }
}
