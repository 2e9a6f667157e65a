package org.feedmesh.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ServerCommandTest {
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
  void helpListsTheOptions() {
    String[] r = run("--help");
    assertEquals("0", r[0]);
    assertTrue(r[1].contains("--data") && r[1].contains("--port") && r[1].contains("--host"), r[1]);
  }

  @Test
  void missingDataDirectoryIsAUsageErrorThatSaysSo() {
    String[] r = run("--port", "0");
    assertEquals("2", r[0]);
    assertTrue(r[2].contains("--data DIR is required"), r[2]);
  }

  @Test
  void badPortIsAUsageErrorThatNamesIt() {
    String[] r = run("--port", "70000", "--data", "/tmp/x");
    assertEquals("2", r[0]);
    assertTrue(r[2].contains("port"), r[2]);
  }

  @Test
  void aStandbyWithoutThePrimarysTokenIsAUsageErrorThatSaysWhatToGive() {
    String[] r = run("--data", "/tmp/x", "--standby-of", "http://primary:8080/");
    assertEquals("2", r[0]);
    assertTrue(r[2].contains("--primary-token"), r[2]);
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({
    "--lease-millis, 10, --lease-millis",
    "--probe-timeout-millis, 0, --probe-timeout-millis",
    "--replication, sometimes, --replication",
    "--standby-of, ftp://primary/, --standby-of"
  })
  void badPairSettingsAreUsageErrorsThatNameTheOption(String option, String value, String named) {
    String[] r = run("--data", "/tmp/x", "--primary-token", "t", option, value);
    assertEquals("2", r[0]);
    assertTrue(r[2].contains(named), r[2]);
  }
}
