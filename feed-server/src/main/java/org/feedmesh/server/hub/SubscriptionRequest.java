package org.feedmesh.server.hub;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import okhttp3.HttpUrl;
import org.feedmesh.platform.http.ApiException;

/**
 * A {@code POST /hub} request, checked: every refusal is a 400 naming the parameter, so a refused
 * request stores nothing and starts no verification. Parameters other than {@code hub.mode}, {@code
 * hub.topic}, {@code hub.callback}, {@code hub.lease_seconds} and {@code hub.secret} are ignored,
 * as WebSub asks.
 *
 * @param topic the {@code hub.topic} as given (resolved against the server later)
 * @param callback an absolute http(s) URL without fragment, at most {@value #MAX_URL_LENGTH}
 *     characters
 * @param leaseSeconds the lease asked for, if any (positive)
 * @param secret the {@code hub.secret}, 1 to {@value #MAX_SECRET_BYTES} UTF-8 bytes, if any
 */
public record SubscriptionRequest(
    Mode mode, String topic, String callback, OptionalLong leaseSeconds, Optional<String> secret) {

  /** WebSub: the secret "MUST be less than 200 bytes in length". */
  public static final int MAX_SECRET_BYTES = 199;

  public static final int MAX_URL_LENGTH = 2048;

  public enum Mode {
    SUBSCRIBE("subscribe"),
    UNSUBSCRIBE("unsubscribe");

    private final String value;

    Mode(String value) {
      this.value = value;
    }

    /** The {@code hub.mode} value. */
    public String value() {
      return value;
    }
  }

  public SubscriptionRequest {
    Objects.requireNonNull(mode, "hub.mode");
    if (topic == null || topic.isBlank()) {
      throw bad("hub.topic", "is missing");
    }
    if (topic.length() > MAX_URL_LENGTH) {
      throw bad("hub.topic", "is longer than " + MAX_URL_LENGTH + " characters");
    }
    checkCallback(callback);
    Objects.requireNonNull(leaseSeconds, "leaseSeconds");
    if (leaseSeconds.isPresent() && leaseSeconds.getAsLong() < 1) {
      throw bad("hub.lease_seconds", "must be a positive number of seconds");
    }
    Objects.requireNonNull(secret, "secret");
    secret.ifPresent(SubscriptionRequest::checkSecret);
  }

  /** Reads and checks the form parameters of a {@code POST /hub}. */
  public static SubscriptionRequest of(Map<String, List<String>> form) {
    String mode = single(form, "hub.mode");
    if (mode == null) {
      throw bad("hub.mode", "is missing: use subscribe or unsubscribe");
    }
    Mode m =
        switch (mode) {
          case "subscribe" -> Mode.SUBSCRIBE;
          case "unsubscribe" -> Mode.UNSUBSCRIBE;
          default ->
              throw bad("hub.mode", "'" + shorten(mode) + "' is not subscribe or unsubscribe");
        };
    return new SubscriptionRequest(
        m,
        single(form, "hub.topic"),
        single(form, "hub.callback"),
        lease(single(form, "hub.lease_seconds")),
        Optional.ofNullable(single(form, "hub.secret")));
  }

  private static String single(Map<String, List<String>> form, String name) {
    List<String> values = form.get(name);
    if (values == null || values.isEmpty()) {
      return null;
    }
    if (values.size() > 1) {
      throw bad(name, "is given " + values.size() + " times; give it once");
    }
    return values.get(0);
  }

  private static OptionalLong lease(String text) {
    if (text == null || text.isEmpty()) {
      return OptionalLong.empty();
    }
    if (text.length() > 18 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw bad("hub.lease_seconds", "'" + shorten(text) + "' is not a whole number of seconds");
    }
    return OptionalLong.of(Long.parseLong(text));
  }

  private static void checkCallback(String callback) {
    if (callback == null || callback.isBlank()) {
      throw bad("hub.callback", "is missing");
    }
    if (callback.length() > MAX_URL_LENGTH) {
      throw bad("hub.callback", "is longer than " + MAX_URL_LENGTH + " characters");
    }
    URI uri;
    try {
      uri = new URI(callback);
    } catch (URISyntaxException e) {
      throw bad("hub.callback", "'" + shorten(callback) + "' is not a valid URL: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw bad(
          "hub.callback", "'" + shorten(callback) + "' must be an absolute http or https URL");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw bad("hub.callback", "'" + shorten(callback) + "' has no host");
    }
    if (uri.getRawFragment() != null) {
      throw bad("hub.callback", "'" + shorten(callback) + "' must not have a #fragment");
    }
    if (HttpUrl.parse(callback) == null) {
      throw bad("hub.callback", "'" + shorten(callback) + "' is not a usable http(s) URL");
    }
  }

  private static void checkSecret(String secret) {
    int bytes = secret.getBytes(StandardCharsets.UTF_8).length;
    if (bytes == 0) {
      throw bad(
          "hub.secret", "is empty: leave it out, or give 1 to " + MAX_SECRET_BYTES + " bytes");
    }
    if (bytes > MAX_SECRET_BYTES) {
      throw bad("hub.secret", "is " + bytes + " bytes; WebSub allows less than 200");
    }
  }

  private static ApiException bad(String parameter, String why) {
    return new ApiException(400, parameter + " " + why, Map.of("parameter", parameter));
  }

  private static String shorten(String s) {
    String clean = s.replaceAll("\\p{Cntrl}", "?");
    return clean.length() > 100 ? clean.substring(0, 100) + "..." : clean;
  }

  /** Never prints the secret. */
  @Override
  public String toString() {
    return "SubscriptionRequest["
        + mode.value()
        + " topic="
        + topic
        + " callback="
        + callback
        + " lease="
        + leaseSeconds
        + " secret="
        + (secret.isPresent() ? "(given)" : "(none)")
        + "]";
  }
}
