package org.feedmesh.server;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.feedmesh.server.cli.ServerCommand;
import picocli.CommandLine;

/** A feed server in its own JVM, for tests that kill it. */
public final class ForkedServer implements AutoCloseable {
  private final Process process;
  private final int port;

  private ForkedServer(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Entry point of the forked JVM: the real {@code server} command. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new ServerCommand()).execute(args));
  }

  /** Starts a server on a free loopback port and waits until {@code /health} answers. */
  public static ForkedServer start(Path data, Path log) throws IOException, InterruptedException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                ForkedServer.class.getName(),
                "--host",
                "127.0.0.1",
                "--port",
                Integer.toString(port),
                "--data",
                data.toString()));
    Process p =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    ForkedServer server = new ForkedServer(p, port);
    OkHttpClient client = new OkHttpClient();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      if (!p.isAlive()) {
        throw new IOException(
            "forked server exited with "
                + p.exitValue()
                + ":\n"
                + java.nio.file.Files.readString(log));
      }
      try (Response r =
          client.newCall(new Request.Builder().url(server.url() + "health").build()).execute()) {
        if (r.code() == 200) {
          return server;
        }
      } catch (IOException notYet) {
        // still starting
      }
      if (System.nanoTime() > deadline) {
        p.destroyForcibly();
        throw new IOException("forked server did not answer /health within 60 s; log in " + log);
      }
      Thread.sleep(50);
    }
  }

  public String url() {
    return "http://127.0.0.1:" + port + "/";
  }

  /** SIGKILL: no shutdown hook, no database close. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
