package org.feedmesh.platform.config;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Mixin that declares {@code --config FILE} on a command so picocli accepts it; the file itself is
 * read by {@link ConfigDefaults} before parsing. Use: {@code @Mixin ConfigOption config;}.
 */
public final class ConfigOption {
  @Option(
      names = ConfigDefaults.CONFIG_OPTION,
      paramLabel = "FILE",
      description =
          "Properties file with defaults for any option (key = option name without"
              + " dashes, e.g. port=8080). Env: FEEDMESH_CONFIG. Every option --foo-bar can also"
              + " come from env FEEDMESH_FOO_BAR.")
  Path file;

  public Path file() {
    return file;
  }
}
