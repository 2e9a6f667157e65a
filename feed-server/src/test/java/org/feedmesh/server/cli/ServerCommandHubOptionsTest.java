package org.feedmesh.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** The {@code --hub-*} options of {@code feedmesh server}: listed, and bad values refused. */
class ServerCommandHubOptionsTest {
  @TempDir Path data;

  private static String[] run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(new ServerCommand());
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int exit = cl.execute(args);
    return new String[] {Integer.toString(exit), out.toString(), err.toString()};
  }

  @Test
  void helpListsEveryHubOptionWithItsDefault() {
    String help = run("--help")[1];
    for (String option :
        List.of(
            "--hub-lease-seconds",
            "--hub-min-lease-seconds",
            "--hub-max-lease-seconds",
            "--hub-signature",
            "--hub-max-in-flight",
            "--hub-timeout-seconds",
            "--hub-retry-base-seconds",
            "--hub-retry-max-seconds",
            "--hub-batch-max-entries")) {
      assertTrue(help.contains(option), option + " in " + help);
    }
    assertTrue(help.contains("Default: sha256"), help);
    assertTrue(help.contains("Default: 864000"), help);
  }

  @ParameterizedTest
  @CsvSource({
    "--hub-signature, md5, signature algorithm",
    "--hub-min-lease-seconds, 0, hub minimum lease",
    "--hub-lease-seconds, 99999999, hub default lease",
    "--hub-max-in-flight, 0, max in-flight",
    "--hub-retry-base-seconds, 100000, retry base",
    "--hub-batch-max-entries, 0, batch max entries"
  })
  void badHubSettingsAreUsageErrorsThatNameTheSetting(String option, String value, String named) {
    String[] r =
        run("--port", "0", "--host", "127.0.0.1", "--data", data.toString(), option, value);
    assertEquals("2", r[0], r[2]);
    assertTrue(r[2].contains(named), r[2]);
  }
}
