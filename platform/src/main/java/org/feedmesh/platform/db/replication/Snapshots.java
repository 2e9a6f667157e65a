package org.feedmesh.platform.db.replication;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** Installs a database copy made by {@link ChangeLog#backup} in place of a local database. */
public final class Snapshots {
  private Snapshots() {}

  /**
   * Reads a {@code BACKUP TO} zip from {@code zip} and makes its {@code *.mv.db} the database
   * {@code name} in {@code directory}: written to a temporary file, fsynced, then renamed over the
   * old one (which the caller has closed). The old file is kept as {@code name.mv.db.previous}.
   *
   * @throws IOException when the stream holds no database file
   */
  public static void restore(InputStream zip, Path directory, String name) throws IOException {
    Files.createDirectories(directory);
    Path target = directory.resolve(name + ".mv.db");
    Path temp = directory.resolve(name + ".mv.db.incoming");
    boolean found = false;
    try (ZipInputStream in = new ZipInputStream(zip)) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        if (!e.isDirectory() && e.getName().endsWith(".mv.db")) {
          Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
          found = true;
          break;
        }
      }
    }
    if (!found) {
      Files.deleteIfExists(temp);
      throw new IOException("the snapshot holds no .mv.db database file");
    }
    try (var ch = java.nio.channels.FileChannel.open(temp, java.nio.file.StandardOpenOption.WRITE)) {
      ch.force(true);
    }
    if (Files.exists(target)) {
      Files.move(
          target,
          directory.resolve(name + ".mv.db.previous"),
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    }
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
  }
}
