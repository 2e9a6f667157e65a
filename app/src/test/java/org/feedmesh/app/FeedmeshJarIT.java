package org.feedmesh.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Runs the shaded {@code feedmesh.jar} as users do: a separate JVM, real stdout and exit codes. */
class FeedmeshJarIT {

  record Run(int exitCode, String stdout, String stderr) {}

  static Run run(String... args) throws IOException, InterruptedException {
    Path jar = Path.of(System.getProperty("feedmesh.jar", "target/feedmesh.jar"));
    assertTrue(Files.isRegularFile(jar), "the shaded jar exists at " + jar.toAbsolutePath());
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    byte[] err = p.getErrorStream().readAllBytes();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "feedmesh " + String.join(" ", args) + " ended");
    return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8),
        new String(err, StandardCharsets.UTF_8));
  }

  @Test
  void helpListsTheCommandsAndExitsZero() throws Exception {
    Run r = run("--help");
    assertEquals(0, r.exitCode(), r.stderr());
    assertTrue(r.stdout().contains("Usage: feedmesh"), r.stdout());
    assertTrue(r.stdout().contains("Commands:"), r.stdout());
  }

  @Test
  void versionNamesFeedmeshAndItsVersion() throws Exception {
    Run r = run("--version");
    assertEquals(0, r.exitCode(), r.stderr());
    assertTrue(r.stdout().startsWith("feedmesh 0."), r.stdout());
  }

  @Test
  void anUnknownCommandFailsWithAUsageErrorOnStderr() throws Exception {
    Run r = run("no-such-command");
    assertEquals(2, r.exitCode());
    assertTrue(r.stderr().contains("Unmatched argument"), r.stderr());
  }
}
