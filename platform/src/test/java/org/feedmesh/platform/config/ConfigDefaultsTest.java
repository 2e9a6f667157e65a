package org.feedmesh.platform.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

class ConfigDefaultsTest {
  @TempDir Path dir;

  @Command(name = "serve")
  static final class Serve implements Runnable {
    @Mixin ConfigOption config;

    @Option(names = "--port", defaultValue = "8080")
    int port;

    @Option(names = "--data-dir")
    Path data;

    @Option(names = {"-v", "--verbose"})
    boolean verbose;

    @Override
    public void run() {}
  }

  private Serve parse(Map<String, String> env, String... args) throws IOException {
    Serve serve = new Serve();
    CommandLine cl = new CommandLine(serve);
    cl.setDefaultValueProvider(ConfigDefaults.from(args, env));
    cl.parseArgs(args);
    return serve;
  }

  @Test
  void environmentVariableFillsAnOptionNotGiven() throws IOException {
    Serve s = parse(Map.of("FEEDMESH_DATA_DIR", "/srv/feedmesh", "FEEDMESH_VERBOSE", "true"));
    assertEquals(Path.of("/srv/feedmesh"), s.data);
    assertTrue(s.verbose);
    assertEquals(8080, s.port);
  }

  @Test
  void commandLineWinsOverEnvironment() throws IOException {
    assertEquals(9000, parse(Map.of("FEEDMESH_PORT", "7000"), "--port", "9000").port);
  }

  @Test
  void configFileFillsWhatEnvironmentDoesNot() throws IOException {
    Path file = dir.resolve("feedmesh.properties");
    Files.writeString(file, "port=7100\ndata-dir=/from/file\n");
    Serve s = parse(Map.of("FEEDMESH_DATA_DIR", "/from/env"), "--config", file.toString());
    assertEquals(7100, s.port);
    assertEquals(Path.of("/from/env"), s.data);
  }

  @Test
  void configFileMayBeNamedByEnvironment() throws IOException {
    Path file = dir.resolve("feedmesh.properties");
    Files.writeString(file, "port=7200\n");
    assertEquals(7200, parse(Map.of("FEEDMESH_CONFIG", file.toString())).port);
  }

  @Test
  void configOptionWithEqualsSignIsFound() throws IOException {
    Path file = dir.resolve("feedmesh.properties");
    Files.writeString(file, "port=7300\n");
    assertEquals(7300, parse(Map.of(), "--config=" + file).port);
  }

  @Test
  void missingConfigFileIsAnErrorNamingIt() {
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                ConfigDefaults.from(new String[] {"--config", dir + "/nope.properties"}, Map.of()));
    assertTrue(e.getMessage().contains("nope.properties"), e.getMessage());
  }

  @Test
  void envNameFollowsTheOptionName() {
    assertEquals("FEEDMESH_STANDBY_OF", ConfigDefaults.envName("--standby-of"));
  }
}
