package org.feedmesh.server.hub;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;

/**
 * The hub's meters (Prometheus names in brackets):
 *
 * <ul>
 *   <li>{@code feedmesh.hub.subscribers} gauge: live subscriptions ({@code
 *       feedmesh_hub_subscribers})
 *   <li>{@code feedmesh.hub.deliveries}: distributions a subscriber acknowledged with 2xx
 *   <li>{@code feedmesh.hub.delivery.failures}: distributions that failed (non-2xx, timeout,
 *       refused connection), each retried later
 *   <li>{@code feedmesh.hub.retries}: distribution attempts that were retries
 *   <li>{@code feedmesh.hub.delivery.latency}: from the journaling of the oldest entry a
 *       distribution carried to its acknowledgement
 *   <li>{@code feedmesh.hub.verifications} tagged {@code mode} and {@code outcome} ({@code
 *       verified} or {@code refused}): verifications of intent
 *   <li>{@code feedmesh.hub.ended} tagged {@code reason} ({@code gone}, {@code rights}):
 *       subscriptions ended by the hub
 * </ul>
 */
final class HubMetrics {
  private final MeterRegistry registry;
  final Counter deliveries;
  final Counter failures;
  final Counter retries;
  final Timer latency;

  HubMetrics(MeterRegistry registry, SubscriptionStore store, Clock clock) {
    this.registry = registry;
    Gauge.builder("feedmesh.hub.subscribers", store, s -> s.countLive(clock.instant()))
        .description("live WebSub subscriptions")
        .register(registry);
    deliveries =
        Counter.builder("feedmesh.hub.deliveries")
            .description("distributions acknowledged with 2xx")
            .register(registry);
    failures =
        Counter.builder("feedmesh.hub.delivery.failures")
            .description("distributions that failed and will be retried")
            .register(registry);
    retries =
        Counter.builder("feedmesh.hub.retries")
            .description("distribution attempts that were retries")
            .register(registry);
    latency =
        Timer.builder("feedmesh.hub.delivery.latency")
            .description("from journaling to the subscriber's acknowledgement")
            .publishPercentileHistogram()
            .register(registry);
  }

  void verification(SubscriptionRequest.Mode mode, boolean verified) {
    Counter.builder("feedmesh.hub.verifications")
        .description("verifications of intent")
        .tag("mode", mode.value())
        .tag("outcome", verified ? "verified" : "refused")
        .register(registry)
        .increment();
  }

  void ended(String reason) {
    Counter.builder("feedmesh.hub.ended")
        .description("subscriptions ended by the hub")
        .tag("reason", reason)
        .register(registry)
        .increment();
  }

  void delivered(Duration sinceJournaled) {
    deliveries.increment();
    latency.record(sinceJournaled.isNegative() ? Duration.ZERO : sinceJournaled);
  }
}
