package org.feedmesh.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The {@code ./feedmesh} launcher as users run it: Java with the parallel collector, unless
 * {@code FEEDMESH_JAVA_OPTS} chooses another (two collectors would stop the JVM).
 */
class LauncherIT {
  private static final Pattern USING = Pattern.compile("Using (\\w+)");

  /** The collector the JVM reports when the launcher runs {@code --version} with these options. */
  private static String collectorWith(String javaOpts) throws Exception {
    Path launcher = Path.of("..", "feedmesh").toAbsolutePath().normalize();
    assertTrue(Files.isRegularFile(launcher), "the launcher is at " + launcher);
    ProcessBuilder pb = new ProcessBuilder("sh", launcher.toString(), "--version");
    pb.environment().put("FEEDMESH_REBUILD", "0"); // the jar this build made
    pb.environment().put("FEEDMESH_JAVA_OPTS", (javaOpts + " -Xlog:gc:stdout").trim());
    pb.redirectErrorStream(true);
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the launcher ended");
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.contains("feedmesh 0."), out);
    Matcher m = USING.matcher(out);
    assertTrue(m.find(), out);
    return m.group(1);
  }

  @Test
  void theLauncherRunsTheParallelCollector() throws Exception {
    assertEquals("Parallel", collectorWith(""));
  }

  @Test
  void aCollectorChosenInFeedmeshJavaOptsReplacesIt() throws Exception {
    assertEquals("Serial", collectorWith("-Xmx256m -XX:+UseSerialGC"));
    assertEquals("G1", collectorWith("-XX:+UseG1GC"));
  }

  @Test
  void otherOptionsThatMentionTheCollectorKeepTheDefault() throws Exception {
    assertEquals("Parallel", collectorWith("-XX:+UseCompressedOops -XX:MaxGCPauseMillis=50"));
  }
}
