package org.feedmesh.agent.sync;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The agent's safety net: a file that sync replaces or deletes is moved (never unlinked) to
 * {@code .feedmesh/versions/<path>~YYYYMMDD-HHMMSS[.ext]} and kept for the retention period.
 */
public final class Versions {
  static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
  private static final Pattern STAMPED = Pattern.compile(".*~(\\d{8}-\\d{6})(?:-\\d+)?(\\.[^./]*)?$");

  private final Path folder;
  private final Path root;
  private final Duration retention;
  private final Clock clock;

  public Versions(Path folder, Duration retention, Clock clock) {
    this.folder = folder.toAbsolutePath().normalize();
    this.root = this.folder.resolve(SafePaths.STATE_DIR).resolve("versions");
    this.retention = Objects.requireNonNull(retention, "retention");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public Path root() {
    return root;
  }

  /**
   * Moves {@code file} (inside the folder, at feed path {@code path}) into the versions folder and
   * returns where it went, relative to the folder.
   */
  public String keep(String path, Path file) throws IOException {
    int slash = path.lastIndexOf('/');
    String name = path.substring(slash + 1);
    int dot = name.lastIndexOf('.');
    String stem = dot > 0 ? name.substring(0, dot) : name;
    String ext = dot > 0 ? name.substring(dot) : "";
    String stamp = STAMP.format(clock.instant());
    Path dir = root.resolve(path.substring(0, slash + 1));
    Files.createDirectories(dir);
    Path target = dir.resolve(FileNames.fitted(stem, "~" + stamp, ext));
    for (int n = 1; Files.exists(target, LinkOption.NOFOLLOW_LINKS); n++) {
      target = dir.resolve(FileNames.fitted(stem, "~" + stamp + "-" + n, ext));
    }
    Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
    return folder.relativize(target).toString().replace('\\', '/');
  }

  /**
   * Deletes kept versions older than the retention period; {@code removed} hears each one's
   * location (relative to the folder) so the block index can forget it.
   */
  public int sweep(Consumer<String> removed) throws IOException {
    if (!Files.isDirectory(root)) {
      return 0;
    }
    Instant oldest = clock.instant().minus(retention);
    int[] count = {0};
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
            Instant kept = keptAt(f.getFileName().toString());
            if (kept != null && kept.isBefore(oldest)) {
              Files.deleteIfExists(f);
              removed.accept(folder.relativize(f).toString().replace('\\', '/'));
              count[0]++;
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
            if (!d.equals(root)) {
              try (DirectoryStream<Path> s = Files.newDirectoryStream(d)) {
                if (!s.iterator().hasNext()) {
                  Files.delete(d);
                }
              }
            }
            return FileVisitResult.CONTINUE;
          }
        });
    return count[0];
  }

  static Instant keptAt(String fileName) {
    Matcher m = STAMPED.matcher(fileName);
    if (!m.matches()) {
      return null;
    }
    try {
      return LocalDateTime.parse(m.group(1), DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
          .toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
