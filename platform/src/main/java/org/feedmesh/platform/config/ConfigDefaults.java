package org.feedmesh.platform.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Default values for every picocli option from the environment or a config file, so each command
 * gets both for free. For an option {@code --foo-bar} the value comes from, in order: the command
 * line; the environment variable {@code FEEDMESH_FOO_BAR}; the key {@code foo-bar} of the
 * properties file named by {@code --config FILE} (or {@code FEEDMESH_CONFIG}); the option's own
 * default. Multi-value options take one value this way (split with the option's {@code split} regex
 * if it has one). Help and version options are never defaulted.
 */
public final class ConfigDefaults implements CommandLine.IDefaultValueProvider {
  public static final String ENV_PREFIX = "FEEDMESH_";
  public static final String CONFIG_OPTION = "--config";

  private final Map<String, String> environment;
  private final Properties file;

  public ConfigDefaults(Map<String, String> environment, Properties file) {
    this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
    this.file = new Properties();
    this.file.putAll(Objects.requireNonNull(file, "file"));
  }

  /**
   * Reads the config file named by {@code --config FILE} / {@code --config=FILE} in {@code args} or
   * else by {@code FEEDMESH_CONFIG} in {@code environment}; no file means environment only.
   *
   * @throws IOException naming the file when it is given but cannot be read
   */
  public static ConfigDefaults from(String[] args, Map<String, String> environment)
      throws IOException {
    String path = configPath(args);
    if (path == null) {
      path = environment.get(envName(CONFIG_OPTION));
    }
    Properties props = new Properties();
    if (path != null && !path.isBlank()) {
      Path file = Path.of(path);
      try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        props.load(r);
      } catch (NoSuchFileException e) {
        throw new IOException("config file " + file.toAbsolutePath() + " does not exist", e);
      } catch (IOException | IllegalArgumentException e) {
        throw new IOException(
            "cannot read config file " + file.toAbsolutePath() + ": " + e.getMessage(), e);
      }
    }
    return new ConfigDefaults(environment, props);
  }

  /** Installs defaults from the process environment on {@code cl} and all its subcommands. */
  public static void install(CommandLine cl, String[] args) throws IOException {
    cl.setDefaultValueProvider(from(args, System.getenv()));
  }

  /** {@code --foo-bar} → {@code FEEDMESH_FOO_BAR}. */
  public static String envName(String longOption) {
    return ENV_PREFIX + strip(longOption).toUpperCase(Locale.ROOT).replace('-', '_');
  }

  @Override
  public String defaultValue(ArgSpec spec) {
    if (!(spec instanceof OptionSpec option) || option.usageHelp() || option.versionHelp()) {
      return null;
    }
    String name = option.longestName();
    if (!name.startsWith("--")) {
      return null;
    }
    String fromEnv = environment.get(envName(name));
    if (fromEnv != null) {
      return fromEnv;
    }
    return file.getProperty(strip(name));
  }

  private static String strip(String option) {
    String s = option;
    while (s.startsWith("-")) {
      s = s.substring(1);
    }
    return s;
  }

  private static String configPath(String[] args) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--")) {
        return null;
      }
      if (args[i].equals(CONFIG_OPTION) && i + 1 < args.length) {
        return args[i + 1];
      }
      if (args[i].startsWith(CONFIG_OPTION + "=")) {
        return args[i].substring(CONFIG_OPTION.length() + 1);
      }
    }
    return null;
  }
}
