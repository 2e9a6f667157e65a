package org.feedmesh.server.hub;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.feedmesh.platform.http.ApiException;
import org.feedmesh.server.hub.SubscriptionRequest.Mode;
import org.feedmesh.server.journal.Journal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies intent (WebSub 5.3) on its own threads, after {@code POST /hub} answered 202: GETs the
 * callback, its own query string kept, with {@code hub.mode}, {@code hub.topic}, a random {@code
 * hub.challenge} and (to subscribe) {@code hub.lease_seconds}. Only a 2xx whose body is the
 * challenge confirms; then the subscription is stored (or removed). Anything else (404, another
 * status, a wrong echo, no answer) changes nothing: no subscription is created, and an existing one
 * stays as it was.
 */
final class Verifier implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Verifier.class);

  /** Verifications waiting for a thread; more get 503. */
  static final int MAX_PENDING = 1000;

  /** Bytes of a verification answer read; a challenge is 43. */
  private static final int MAX_ANSWER_BYTES = 1024;

  /** A subscription request that passed the synchronous checks, waiting to be verified. */
  record Intent(
      Mode mode,
      Topic topic,
      String callback,
      String hubUrl,
      Optional<String> secret,
      String subscriber,
      Duration lease) {
    Intent {
      Objects.requireNonNull(mode, "mode");
      Objects.requireNonNull(topic, "topic");
      Objects.requireNonNull(callback, "callback");
      Objects.requireNonNull(hubUrl, "hubUrl");
      Objects.requireNonNull(secret, "secret");
      Objects.requireNonNull(subscriber, "subscriber");
      Objects.requireNonNull(lease, "lease");
    }

    @Override
    public String toString() {
      return mode.value() + " " + topic.url() + " -> " + callback + " by " + subscriber;
    }
  }

  private final OkHttpClient http;
  private final SubscriptionStore store;
  private final Journal journal;
  private final SecureRandom random;
  private final Clock clock;
  private final HubMetrics metrics;
  private final Consumer<Subscription> subscribed;
  private final ThreadPoolExecutor threads;

  /**
   * @param subscribed told of every subscription made (or made again) active
   */
  Verifier(
      OkHttpClient http,
      SubscriptionStore store,
      Journal journal,
      SecureRandom random,
      Clock clock,
      HubMetrics metrics,
      int threadCount,
      Consumer<Subscription> subscribed) {
    this.http = http;
    this.store = store;
    this.journal = journal;
    this.random = random;
    this.clock = clock;
    this.metrics = metrics;
    this.subscribed = subscribed;
    this.threads =
        new ThreadPoolExecutor(
            threadCount,
            threadCount,
            0,
            TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(MAX_PENDING),
            Hub.daemonThreads("hub-verify"));
  }

  /**
   * Queues the verification and returns at once.
   *
   * @throws ApiException 503 when {@value #MAX_PENDING} verifications are already waiting
   */
  void submit(Intent intent) {
    try {
      threads.execute(() -> verify(intent));
    } catch (RejectedExecutionException e) {
      throw new ApiException(
          503,
          "the hub has " + threads.getQueue().size() + " verifications waiting; try again later",
          Map.of("pending", threads.getQueue().size()));
    }
  }

  private void verify(Intent intent) {
    String challenge = challenge();
    boolean confirmed = false;
    try {
      Instant asked = clock.instant(); // WebSub: the lease counts from the verification request
      confirmed = ask(intent, challenge);
      if (confirmed) {
        apply(intent, asked);
      }
    } catch (RuntimeException e) {
      confirmed = false;
      log.error("verification of {} failed inside the hub", intent, e);
    } finally {
      metrics.verification(intent.mode(), confirmed);
    }
  }

  private boolean ask(Intent intent, String challenge) {
    HttpUrl.Builder url =
        HttpUrl.get(intent.callback())
            .newBuilder()
            .addQueryParameter("hub.mode", intent.mode().value())
            .addQueryParameter("hub.topic", intent.topic().url())
            .addQueryParameter("hub.challenge", challenge);
    if (intent.mode() == Mode.SUBSCRIBE) {
      url.addQueryParameter("hub.lease_seconds", Long.toString(intent.lease().toSeconds()));
    }
    Request request = new Request.Builder().url(url.build()).get().build();
    try (Response response = http.newCall(request).execute()) {
      if (!response.isSuccessful()) {
        log.info("verification refused: {} answered {}", intent, response.code());
        return false;
      }
      String answer;
      try (InputStream in = response.body().byteStream()) {
        answer = new String(in.readNBytes(MAX_ANSWER_BYTES), StandardCharsets.UTF_8).strip();
      }
      if (!answer.equals(challenge)) {
        log.info("verification refused: {} did not echo the challenge", intent);
        return false;
      }
      return true;
    } catch (IOException e) {
      log.info("verification failed: {} could not be reached: {}", intent, e.toString());
      return false;
    }
  }

  private void apply(Intent intent, Instant asked) {
    if (intent.mode() == Mode.UNSUBSCRIBE) {
      boolean removed = store.unsubscribe(intent.topic().url(), intent.callback());
      log.info("unsubscribed {}{}", intent, removed ? "" : " (there was no such subscription)");
      return;
    }
    long cursor = journal.lastCursor(intent.topic().namespace());
    Subscription s =
        store.subscribe(
            new SubscriptionStore.Grant(
                intent.topic(),
                intent.callback(),
                intent.hubUrl(),
                intent.secret(),
                intent.subscriber(),
                intent.lease()),
            asked,
            cursor);
    log.info("subscribed {}", s);
    subscribed.accept(s);
  }

  private String challenge() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  @Override
  public void close() {
    threads.shutdownNow();
    try {
      threads.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
