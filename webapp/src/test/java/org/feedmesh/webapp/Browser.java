package org.feedmesh.webapp;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import okhttp3.Cookie;
import okhttp3.CookieJar;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * A browser as far as plain HTTP goes: keeps cookies, sends {@code Origin} on POSTs like a browser
 * on the view's own pages does, and knows the session's CSRF token once signed in.
 */
public final class Browser {
  final WebServer web;
  public final List<Cookie> cookies = new ArrayList<>();
  public final OkHttpClient http;
  public String csrf;

  Browser(WebServer web) {
    this.web = web;
    this.http =
        web.http
            .newBuilder()
            .cookieJar(
                new CookieJar() {
                  @Override
                  public void saveFromResponse(HttpUrl url, List<Cookie> received) {
                    for (Cookie c : received) {
                      cookies.removeIf(old -> old.name().equals(c.name()));
                      if (c.expiresAt() > System.currentTimeMillis()) {
                        cookies.add(c);
                      }
                    }
                  }

                  @Override
                  public List<Cookie> loadForRequest(HttpUrl url) {
                    return List.copyOf(cookies);
                  }
                })
            .build();
  }

  public WebServer web() {
    return web;
  }

  /** Posts the sign-in form; returns the response (caller closes). */
  public Response postSignIn(String token) throws IOException {
    return http.newCall(
            new Request.Builder()
                .url(web.url("/ui/sign-in"))
                .header("Origin", web.origin())
                .post(new FormBody.Builder().add("token", token).build())
                .build())
        .execute();
  }

  /** Signs in and fetches the CSRF token. */
  public Browser signIn(String token) throws IOException {
    try (Response r = postSignIn(token)) {
      if (r.code() != 303) {
        throw new IOException("sign-in failed: " + r.code() + " " + r.body().string());
      }
    }
    csrf = getJson("/ui/api/session").get("csrf").asText();
    return this;
  }

  public Response get(String path) throws IOException {
    return http.newCall(new Request.Builder().url(web.url(path)).build()).execute();
  }

  public JsonNode getJson(String path) throws IOException {
    try (Response r = get(path)) {
      String body = r.body().string();
      if (r.code() != 200) {
        throw new IOException("GET " + path + " answered " + r.code() + ": " + body);
      }
      return WebServer.JSON.readTree(body);
    }
  }

  /** A POST with a JSON body and the given CSRF token and Origin (null: header left out). */
  public Response postJson(String path, String json, String csrfToken, String origin) throws IOException {
    Request.Builder b =
        new Request.Builder()
            .url(web.url(path))
            .post(RequestBody.create(json.getBytes(StandardCharsets.UTF_8),
                MediaType.get("application/json")));
    if (csrfToken != null) {
      b.header("X-CSRF-Token", csrfToken);
    }
    if (origin != null) {
      b.header("Origin", origin);
    }
    return http.newCall(b.build()).execute();
  }

  public Response postForm(String path, FormBody form, String origin) throws IOException {
    Request.Builder b = new Request.Builder().url(web.url(path)).post(form);
    if (origin != null) {
      b.header("Origin", origin);
    }
    return http.newCall(b.build()).execute();
  }
}
