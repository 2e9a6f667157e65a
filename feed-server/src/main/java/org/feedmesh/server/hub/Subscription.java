package org.feedmesh.server.hub;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A verified subscription as stored, with its delivery state.
 *
 * @param id the row id; stays the same when the subscriber re-subscribes
 * @param callback where distributions are POSTed
 * @param hubUrl this hub's URL as the subscriber reached it, sent as {@code rel="hub"}
 * @param secret the {@code hub.secret}; empty means distributions are not signed
 * @param subscriber the endpoint id (or {@code admin}) whose token subscribed; when it may no
 *     longer read the namespace, the subscription ends
 * @param leaseSeconds the lease granted
 * @param expiresAt when the lease ends; no distribution after it
 * @param deliveredCursor journal cursor up to which the subscriber has acknowledged everything
 * @param attempts failed distribution attempts since the last success
 * @param nextAttemptAt earliest time of the next attempt after a failure (empty: at once)
 * @param endedReason why an {@link State#ENDED} subscription ended
 */
public record Subscription(
    long id,
    Topic topic,
    String callback,
    String hubUrl,
    Optional<String> secret,
    String subscriber,
    long leaseSeconds,
    Instant expiresAt,
    State state,
    Optional<String> endedReason,
    long deliveredCursor,
    int attempts,
    Optional<Instant> nextAttemptAt,
    Optional<String> lastError,
    Optional<Instant> lastDeliveredAt) {

  /** ACTIVE subscriptions receive distributions until their lease ends; ENDED ones never again. */
  public enum State {
    ACTIVE,
    ENDED
  }

  public Subscription {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(callback, "callback");
    Objects.requireNonNull(hubUrl, "hubUrl");
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(subscriber, "subscriber");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(endedReason, "endedReason");
    Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
    Objects.requireNonNull(lastError, "lastError");
    Objects.requireNonNull(lastDeliveredAt, "lastDeliveredAt");
    if (deliveredCursor < 0 || attempts < 0) {
      throw new IllegalArgumentException(
          "cursor and attempts are never negative: " + deliveredCursor + ", " + attempts);
    }
  }

  /** This subscription with other delivery state (as a distribution just left it). */
  public Subscription withDelivery(long cursor, int failures, Optional<Instant> nextAttempt) {
    return new Subscription(
        id,
        topic,
        callback,
        hubUrl,
        secret,
        subscriber,
        leaseSeconds,
        expiresAt,
        state,
        endedReason,
        cursor,
        failures,
        nextAttempt,
        lastError,
        lastDeliveredAt);
  }

  /** Whether distributions go to it at {@code now}. */
  public boolean isLive(Instant now) {
    return state == State.ACTIVE && now.isBefore(expiresAt);
  }

  /** Never prints the secret. */
  @Override
  public String toString() {
    return "Subscription["
        + id
        + " "
        + topic.url()
        + " -> "
        + callback
        + " by "
        + subscriber
        + ", "
        + state
        + ", expires "
        + expiresAt
        + ", cursor "
        + deliveredCursor
        + ", attempts "
        + attempts
        + ", secret "
        + (secret.isPresent() ? "(set)" : "(none)")
        + "]";
  }
}
