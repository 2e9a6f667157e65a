package org.feedmesh.lookup.client;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.feedmesh.lookup.BatchAnswer;
import org.feedmesh.lookup.BatchQuery;
import org.feedmesh.lookup.BlobAnswer;
import org.feedmesh.lookup.BlobId;
import org.feedmesh.lookup.Lease;
import org.feedmesh.lookup.LocatorRequest;
import org.feedmesh.lookup.PeerContact;
import org.feedmesh.lookup.Registration;
import org.feedmesh.lookup.api.BlobJson;
import org.feedmesh.lookup.api.LeaseJson;
import org.feedmesh.lookup.api.LookupAnswerJson;
import org.feedmesh.lookup.api.RegistrationJson;
import org.feedmesh.lookup.api.WireAnswers;
import org.feedmesh.lookup.api.WireRequests;

/**
 * What an agent uses to talk to the blob lookup (in the feed server or standalone) with its token:
 * register and refresh its locators, keep them live with heartbeats, remove them, and find where
 * blobs and blocks are. Blocking calls; thread-safe (share one per process, like the {@link
 * OkHttpClient} it is given, whose timeouts apply).
 *
 * <p>Refusals throw {@link LookupClientException} with the status and the service's message;
 * network failures throw {@link IOException}. Lookups of something the caller may not see or that
 * nobody holds come back empty rather than throwing.
 */
public final class LookupClient {
  private static final MediaType JSON_TYPE = MediaType.get("application/json");

  /** Lenient about fields it does not know, so newer services keep working with older agents. */
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private final OkHttpClient http;
  private final HttpUrl base;
  private final String token;

  /**
   * @param baseUri where the service is (the feed server's or the standalone lookup's root)
   * @param token the endpoint's (or the admin's) token, sent as {@code Authorization: Bearer}
   */
  public LookupClient(OkHttpClient http, URI baseUri, String token) {
    this.http = Objects.requireNonNull(http, "http");
    HttpUrl parsed = HttpUrl.get(baseUri.toString());
    this.base = parsed;
    this.token = Objects.requireNonNull(token, "token");
  }

  /** Registers or refreshes {@code endpointId}'s locator of {@code blobId}. */
  public Registration register(BlobId blobId, String endpointId, LocatorRequest request)
      throws IOException {
    HttpUrl url = url("blobs", blobId.hex(), "locators", endpointId).build();
    RegistrationJson json =
        call(
            new Request.Builder().url(url).put(body(WireRequests.json(request))),
            RegistrationJson.class);
    return parse(() -> WireAnswers.registration(json));
  }

  /** Keeps all of {@code endpointId}'s locators live for {@code ttl} (the service's default). */
  public Lease heartbeat(String endpointId, Optional<PeerContact> contact, Optional<Duration> ttl)
      throws IOException {
    HttpUrl url = url("blobs", "heartbeat", endpointId).build();
    LeaseJson json =
        call(
            new Request.Builder().url(url).post(body(WireRequests.heartbeat(contact, ttl))),
            LeaseJson.class);
    return parse(() -> WireAnswers.lease(json));
  }

  /**
   * Removes {@code endpointId}'s locator of {@code blobId} (in one namespace, or all); false when
   * there was none.
   */
  public boolean remove(BlobId blobId, String endpointId, Optional<String> namespace)
      throws IOException {
    HttpUrl.Builder url = url("blobs", blobId.hex(), "locators", endpointId);
    namespace.ifPresent(ns -> url.addQueryParameter("namespace", ns));
    try {
      call(new Request.Builder().url(url.build()).delete(), null);
      return true;
    } catch (LookupClientException e) {
      if (e.isNotFound()) {
        return false;
      }
      throw e;
    }
  }

  /**
   * The blob's size, block list and live locators (best first for this asker), or empty when the
   * blob is unknown or in no namespace the caller can read.
   *
   * @param lanId the LAN id this asker announces, for ranking
   */
  public Optional<BlobAnswer> blob(BlobId blobId, Optional<String> lanId) throws IOException {
    HttpUrl.Builder url = url("blobs", blobId.hex());
    lanId.ifPresent(lan -> url.addQueryParameter("lan", lan));
    try {
      BlobJson json = call(new Request.Builder().url(url.build()).get(), BlobJson.class);
      return Optional.of(parse(() -> WireAnswers.blob(json)));
    } catch (LookupClientException e) {
      if (e.isNotFound()) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** Where many blobs and blocks are, in one request. */
  public BatchAnswer lookup(BatchQuery query) throws IOException {
    HttpUrl url = url("blobs", "lookup").build();
    LookupAnswerJson json =
        call(
            new Request.Builder().url(url).post(body(WireRequests.json(query))),
            LookupAnswerJson.class);
    return parse(() -> WireAnswers.batch(json));
  }

  private HttpUrl.Builder url(String... segments) {
    HttpUrl.Builder b = base.newBuilder();
    for (String s : segments) {
      b.addPathSegment(s);
    }
    return b;
  }

  private static RequestBody body(Object json) throws IOException {
    return RequestBody.create(JSON.writeValueAsBytes(json), JSON_TYPE);
  }

  private <T> T call(Request.Builder request, Class<T> answer) throws IOException {
    Request r =
        request
            .header("Authorization", "Bearer " + token)
            .header("Accept", "application/json")
            .build();
    try (Response response = http.newCall(r).execute()) {
      ResponseBody body = response.body();
      if (!response.isSuccessful()) {
        throw new LookupClientException(response.code(), errorMessage(response.code(), body));
      }
      if (answer == null) {
        return null;
      }
      try (InputStream in = body.byteStream()) {
        return JSON.readValue(in, answer);
      }
    }
  }

  private static String errorMessage(int status, ResponseBody body) {
    try {
      JsonNode error = JSON.readTree(body.byteStream());
      if (error != null && error.hasNonNull("error")) {
        return error.get("error").asText();
      }
    } catch (IOException e) {
      // Not our JSON error shape (a proxy, say); the status says enough.
    }
    return "HTTP " + status;
  }

  private interface Parse<T> {
    T run();
  }

  private static <T> T parse(Parse<T> parse) throws IOException {
    try {
      return parse.run();
    } catch (IllegalArgumentException | NullPointerException | DateTimeParseException e) {
      throw new IOException("the lookup service sent a malformed answer: " + e.getMessage(), e);
    }
  }
}
