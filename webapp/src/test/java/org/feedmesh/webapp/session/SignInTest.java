package org.feedmesh.webapp.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import okhttp3.Cookie;
import okhttp3.FormBody;
import okhttp3.Request;
import okhttp3.Response;
import org.feedmesh.webapp.Browser;
import org.feedmesh.webapp.WebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Signing in and out of the browser view over real HTTP. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignInTest {
  @TempDir static Path data;
  private WebServer web;
  private String laptop;

  @BeforeAll
  void start() throws IOException {
    web = WebServer.start(data);
    web.namespace("photos");
    web.namespace("secret");
    laptop = web.endpoint("laptop", "photos");
  }

  @AfterAll
  void stop() {
    web.close();
  }

  @Test
  void signingInSetsAnHttpOnlyStrictSessionCookieAndNoPageShowsTheToken() throws IOException {
    Browser b = web.browser();
    try (Response r = b.postSignIn(laptop)) {
      assertEquals(303, r.code());
      assertEquals("/", r.header("Location").replaceFirst("^https?://[^/]+", ""));
      String setCookie = r.header("Set-Cookie");
      assertNotNull(setCookie);
      assertTrue(setCookie.startsWith(SessionFilter.COOKIE + "="), setCookie);
      assertTrue(setCookie.contains("HttpOnly"), setCookie);
      assertTrue(setCookie.contains("SameSite=Strict"), setCookie);
      assertFalse(setCookie.contains(laptop), setCookie);
    }
    for (String page : List.of("/", "/ui/namespaces/photos", "/ui/endpoints", "/ui/api/session")) {
      try (Response r = b.get(page)) {
        String body = r.body().string();
        assertEquals(200, r.code(), page + ": " + body);
        assertFalse(body.contains(laptop), page + " shows the token");
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"wrong", "fm_notARealTokenAtAll", " ", "fm_"})
  void aWrongTokenShowsAnErrorAndStartsNoSession(String token) throws IOException {
    Browser b = web.browser();
    try (Response r = b.postSignIn(token)) {
      assertEquals(401, r.code());
      String page = r.body().string();
      assertTrue(page.contains("That token is unknown or revoked"), page);
      assertTrue(page.contains("id=\"sign-in-error\""), page);
      assertEquals(null, r.header("Set-Cookie"));
    }
    try (Response r = b.get("/ui/api/session")) {
      assertEquals(401, r.code());
    }
  }

  @Test
  void signInFromAnotherSiteIsRefused() throws IOException {
    Browser b = web.browser();
    try (Response r =
        b.postForm(
            "/ui/sign-in",
            new FormBody.Builder().add("token", laptop).build(),
            "https://evil.example")) {
      assertEquals(403, r.code());
      assertEquals(null, r.header("Set-Cookie"));
    }
  }

  @Test
  void pagesWithoutASessionSendTheBrowserToSignInAndBack() throws IOException {
    try (Response r = web.browser().get("/ui/namespaces/photos")) {
      assertEquals(303, r.code());
      assertTrue(
          r.header("Location").endsWith("/ui/sign-in?next=%2Fui%2Fnamespaces%2Fphotos"),
          r.header("Location"));
    }
  }

  @Test
  void signingOutEndsTheSessionEvenForACopiedCookie() throws IOException {
    Browser b = web.browser().signIn(laptop);
    List<Cookie> copied = List.copyOf(b.cookies);
    try (Response r =
        b.postForm("/ui/sign-out", new FormBody.Builder().add("csrf", b.csrf).build(),
            web.origin())) {
      assertEquals(303, r.code());
    }
    Browser thief = web.browser();
    thief.cookies.addAll(copied);
    try (Response r = thief.get("/ui/api/session")) {
      assertEquals(401, r.code());
    }
  }

  @Test
  void signOutWithoutTheCsrfTokenIsRefusedAndTheSessionLives() throws IOException {
    Browser b = web.browser().signIn(laptop);
    try (Response r =
        b.postForm("/ui/sign-out", new FormBody.Builder().add("csrf", "guess").build(),
            web.origin())) {
      assertEquals(403, r.code());
    }
    assertEquals("laptop", b.getJson("/ui/api/session").get("id").asText());
  }

  @Test
  void revokingTheEndpointEndsItsBrowserSessions() throws IOException {
    String tablet = web.endpoint("tablet", "photos");
    Browser b = web.browser().signIn(tablet);
    web.server.accounts().revokeEndpoint("tablet");
    try (Response r = b.get("/ui/api/namespaces")) {
      assertEquals(401, r.code());
    }
  }

  @Test
  void theSessionCookieOpensNothingButTheView() throws IOException {
    Browser b = web.browser().signIn(laptop);
    try (Response r = b.get("/feeds/photos")) {
      assertEquals(401, r.code());
    }
    try (Response r = b.get("/whoami")) {
      assertEquals(401, r.code());
    }
  }

  @Test
  void anEndpointSeesOnlyTheNamespacesItMayRead() throws IOException {
    Browser b = web.browser().signIn(laptop);
    assertEquals("[\"photos\"]", b.getJson("/ui/api/session").get("namespaces").toString());
    assertEquals(1, b.getJson("/ui/api/namespaces").size());
    try (Response r = b.get("/ui/api/namespaces/secret/items")) {
      assertEquals(403, r.code());
    }
    try (Response r = b.get("/ui/namespaces/secret")) {
      assertEquals(403, r.code());
      assertTrue(r.body().string().contains("You may not read namespace secret"));
    }
    Browser admin = web.browser().signIn(web.adminToken());
    assertEquals(2, admin.getJson("/ui/api/namespaces").size());
  }

  @Test
  void viewResponsesForbidInlineScriptsAndFraming() throws IOException {
    try (Response r =
        web.http.newCall(new Request.Builder().url(web.url("/ui/sign-in")).build()).execute()) {
      String csp = r.header("Content-Security-Policy");
      assertNotNull(csp);
      assertTrue(csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'"), csp);
      assertEquals("nosniff", r.header("X-Content-Type-Options"));
    }
  }
}
