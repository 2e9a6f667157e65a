package org.feedmesh.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.feedmesh.server.FeedServer;
import org.feedmesh.server.ServerConfig;
import org.feedmesh.server.accounts.AdminToken;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The real {@code admin} command, executed in-process against a real server. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminCommandTest {
  @TempDir static Path data;
  private FeedServer server;
  private String url;
  private String tokenFile;

  record Run(int exit, String out, String err) {}

  @BeforeAll
  void start() throws IOException {
    server = FeedServer.start(ServerConfig.loopback(data));
    url = server.baseUri().toString();
    tokenFile = data.resolve(AdminToken.FILE_NAME).toString();
  }

  @AfterAll
  void stop() {
    server.close();
  }

  private static Run admin(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(new AdminCommand());
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int exit = cl.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void createEndpointPrintsOnlyTheTokenAndTheTokenWorks() throws IOException {
    assertEquals(
        0, admin("--server", url, "--token-file", tokenFile, "create-namespace", "photos").exit());
    Run r =
        admin(
            "--server",
            url,
            "--token-file",
            tokenFile,
            "create-endpoint",
            "laptop",
            "--namespace",
            "photos");
    assertEquals(0, r.exit(), r.err());
    String token = r.out().strip();
    assertTrue(token.matches("fm_[A-Za-z0-9_-]{43}"), r.out());
    assertEquals(
        "laptop",
        server
            .accounts()
            .activeEndpointByTokenHash(org.feedmesh.platform.auth.Tokens.hash(token))
            .orElseThrow()
            .id());
  }

  @Test
  void listsShowWhatWasCreated() throws IOException {
    String admin = AdminToken.read(Path.of(tokenFile));
    admin("--server", url, "--token", admin, "create-namespace", "docs");
    admin("--server", url, "--token", admin, "create-endpoint", "phone", "--read-only", "docs");
    Run ns = admin("--server", url, "--token", admin, "list-namespaces");
    assertTrue(ns.out().contains("docs"), ns.out());
    Run eps = admin("--server", url, "--token", admin, "list-endpoints");
    assertTrue(eps.out().contains("phone"), eps.out());
    assertTrue(eps.out().contains("docs[read]"), eps.out());
  }

  @Test
  void revokeEndpointSaysSoAndTheTokenStopsWorking() {
    admin("--server", url, "--token-file", tokenFile, "create-namespace", "music");
    String token =
        admin(
                "--server",
                url,
                "--token-file",
                tokenFile,
                "create-endpoint",
                "tablet",
                "--namespace",
                "music")
            .out()
            .strip();
    Run r = admin("--server", url, "--token-file", tokenFile, "revoke-endpoint", "tablet");
    assertEquals(0, r.exit(), r.err());
    assertEquals("revoked tablet", r.out().strip());
    assertTrue(
        server
            .accounts()
            .activeEndpointByTokenHash(org.feedmesh.platform.auth.Tokens.hash(token))
            .isEmpty());
  }

  @Test
  void wrongTokenExplainsWhereTheAdminTokenIs() {
    Run r = admin("--server", url, "--token", "fm_wrong", "list-namespaces");
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("401") && r.err().contains("admin.token"), r.err());
  }

  @Test
  void endpointTokenIsToldItIsNotTheAdmin() {
    admin("--server", url, "--token-file", tokenFile, "create-namespace", "video");
    String token =
        admin(
                "--server",
                url,
                "--token-file",
                tokenFile,
                "create-endpoint",
                "tv",
                "--namespace",
                "video")
            .out()
            .strip();
    Run r = admin("--server", url, "--token", token, "list-namespaces");
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("not the admin token"), r.err());
  }

  @Test
  void duplicateIsReportedAsAConflict() {
    admin("--server", url, "--token-file", tokenFile, "create-namespace", "dup");
    Run r = admin("--server", url, "--token-file", tokenFile, "create-namespace", "dup");
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("already exists"), r.err());
  }

  @Test
  void unreachableServerSaysSo() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Run r =
        admin("--server", "http://127.0.0.1:" + port + "/", "--token", "fm_x", "list-namespaces");
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("cannot reach the FeedMesh server"), r.err());
  }

  @Test
  void missingTokenIsAUsageError() {
    Run r = admin("--server", url, "list-namespaces");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("admin token is missing"), r.err());
  }

  @Test
  void helpDescribesTheSubcommands() {
    Run r = admin("--help");
    assertEquals(0, r.exit());
    assertTrue(r.out().contains("create-endpoint"), r.out());
    Run sub = admin("create-endpoint", "--help");
    assertTrue(sub.out().contains("--namespace"), sub.out());
  }
}
