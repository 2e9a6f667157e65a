package org.feedmesh.server.accounts;

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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin token. On first start a new token is written to {@code DATA/admin.token} (mode 600,
 * fsynced) and only then its hash is stored; later starts leave both alone, so the file keeps
 * working for as long as the database does. A crash between the two steps just means the next start
 * writes a new token.
 */
public final class AdminToken {
  public static final String FILE_NAME = "admin.token";

  private static final Logger log = LoggerFactory.getLogger(AdminToken.class);
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private AdminToken() {}

  /**
   * Makes sure an admin token exists.
   *
   * @return the token file ({@code dataDir/admin.token}); it may be gone if someone deleted it
   */
  public static Path ensure(Path dataDir, AccountStore store, Tokens tokens) throws IOException {
    Path file = dataDir.resolve(FILE_NAME);
    if (store.adminTokenHash().isPresent()) {
      if (!Files.exists(file)) {
        log.warn("{} is missing; the admin token stored in the database still works", file);
      }
      return file;
    }
    String token = tokens.newToken();
    write(file, token);
    store.setAdminTokenHash(Tokens.hash(token));
    log.info("created the admin token in {} (readable by this user only)", file.toAbsolutePath());
    return file;
  }

  /** Reads a token file: the first line, trimmed. */
  public static String read(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8).strip();
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline).strip();
  }

  private static void write(Path file, String token) throws IOException {
    Files.deleteIfExists(file);
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
      // The umask may have narrowed the creation mode further; make it exactly 600.
      Files.setPosixFilePermissions(file, OWNER_ONLY);
    } else {
      log.warn("cannot restrict {} to its owner on this file system; protect it yourself", file);
    }
  }
}
