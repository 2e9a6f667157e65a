package org.feedmesh.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.feedmesh.platform.auth.Caller;
import org.feedmesh.platform.auth.Tokens;
import org.feedmesh.server.accounts.AccountsAuthenticator;
import org.feedmesh.server.accounts.AdminToken;
import org.feedmesh.server.accounts.Grant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedServerRestartTest {
  @TempDir Path data;

  @Test
  void restartKeepsAccountsAndNeverRewritesTheAdminToken() throws IOException {
    String token = Tokens.secure().newToken();
    String before;
    try (FeedServer server = FeedServer.start(ServerConfig.loopback(data))) {
      server.accounts().createNamespace("photos");
      server
          .accounts()
          .createEndpoint(
              "laptop",
              null,
              java.util.Map.of("photos", Grant.readWrite()),
              false,
              Tokens.hash(token));
      before = Files.readString(data.resolve(AdminToken.FILE_NAME));
    }
    try (FeedServer server = FeedServer.start(ServerConfig.loopback(data))) {
      assertEquals(before, Files.readString(data.resolve(AdminToken.FILE_NAME)));
      AccountsAuthenticator auth =
          new AccountsAuthenticator(server.accounts(), java.time.Clock.systemUTC());
      assertEquals("laptop", auth.authenticate(token).orElseThrow().id());
      assertEquals(Caller.admin(), auth.authenticate(before.strip()).orElseThrow());
    }
  }
}
