package org.feedmesh.platform.cluster;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An OkHttp <em>application</em> interceptor ({@code addInterceptor}) that sends every request for
 * one of the servers of a {@link ServerSet} to the server currently taken for the approver, and
 * fails over to the other when that one does not answer.
 *
 * <ul>
 *   <li>Requests are built against any listed URL (usually the first); the interceptor replaces
 *       scheme, host and port with those of {@link ServerSet#current()}. Requests for other hosts
 *       pass through untouched. Every listed server must serve the API under the same path.
 *   <li>Every request carries {@link ClusterHeaders#EPOCH} (the highest seen, once one was seen);
 *       every response's epoch raises it.
 *   <li>A connection failure or timeout moves on to the next server and tells it, with {@link
 *       ClusterHeaders#PRIMARY_UNREACHABLE}, which server did not answer: the notification that
 *       lets a standby take over. A 503 naming the approver in {@link ClusterHeaders#PRIMARY}
 *       sends the request there (with the same notification, naming the server that refused).
 *   <li>A 409 {@code stale-epoch} is retried once, now with the newer epoch.
 *   <li>It keeps trying, pausing briefly after each round over all servers, until the failover
 *       timeout; then the last failure is thrown (or the last 503 returned).
 * </ul>
 *
 * A long-poll GET ({@code ?since=CURSOR&wait=S}) is retried with the same query, so it continues
 * from the same cursor on the other server. A request whose response was lost (a read timeout) is
 * sent again on the next server: FeedMesh writes are merges, so sending one twice changes nothing;
 * requests with a one-shot body are never retried.
 */
public final class FailoverInterceptor implements Interceptor {
  private static final Logger log = LoggerFactory.getLogger(FailoverInterceptor.class);

  /** How long a request keeps trying when no server approves, unless told otherwise. */
  public static final Duration DEFAULT_FAILOVER_TIMEOUT = Duration.ofSeconds(30);

  private static final long ROUND_PAUSE_MILLIS = 100;
  private static final long MAX_RETRY_AFTER_MILLIS = 1000;

  private final ServerSet servers;
  private final Duration failoverTimeout;

  public FailoverInterceptor(ServerSet servers) {
    this(servers, DEFAULT_FAILOVER_TIMEOUT);
  }

  /**
   * @param failoverTimeout how long one request keeps trying the servers before it gives up
   */
  public FailoverInterceptor(ServerSet servers, Duration failoverTimeout) {
    this.servers = Objects.requireNonNull(servers, "servers");
    this.failoverTimeout = Objects.requireNonNull(failoverTimeout, "failoverTimeout");
    if (failoverTimeout.isNegative()) {
      throw new IllegalArgumentException("failover timeout must not be negative: " + failoverTimeout);
    }
  }

  public ServerSet servers() {
    return servers;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request original = chain.request();
    if (servers.find(original.url()).isEmpty()) {
      return chain.proceed(original);
    }
    boolean replayable = original.body() == null || !original.body().isOneShot();
    long deadline = System.nanoTime() + failoverTimeout.toNanos();
    HttpUrl notAnswering = null;
    boolean staleRetried = false;
    int failures = 0;
    while (true) {
      HttpUrl target = servers.current();
      Response response;
      try {
        response = chain.proceed(rewrite(original, target, notAnswering));
      } catch (IOException e) {
        if (chain.call().isCanceled() || !replayable || System.nanoTime() > deadline) {
          throw e;
        }
        log.info("{} did not answer ({}); trying the next server", target, e.toString());
        notAnswering = target;
        servers.advancePast(target);
        failures++;
        if (failures % servers.servers().size() == 0) {
          pause(ROUND_PAUSE_MILLIS);
        }
        continue;
      }
      observeEpoch(response);
      String hint = response.header(ClusterHeaders.PRIMARY);
      if (response.code() == 503 && hint != null && replayable && System.nanoTime() < deadline) {
        long retryAfter = retryAfterMillis(response);
        response.close();
        Optional<HttpUrl> named = Optional.ofNullable(HttpUrl.parse(hint)).flatMap(servers::find);
        if (named.isPresent() && !ServerSet.sameOrigin(named.get(), target)) {
          servers.switchTo(named.get());
          notAnswering = target;
        } else if (named.isEmpty()) {
          servers.advancePast(target);
          notAnswering = target;
          pause(ROUND_PAUSE_MILLIS);
        } else {
          pause(retryAfter); // the server names itself: it is taking over, ask again shortly
        }
        continue;
      }
      if (response.code() == 409
          && ClusterHeaders.STALE_EPOCH.equals(response.header(ClusterHeaders.ERROR_CODE))
          && !staleRetried
          && replayable) {
        staleRetried = true;
        response.close();
        continue;
      }
      return response;
    }
  }

  private Request rewrite(Request original, HttpUrl target, HttpUrl notAnswering) {
    HttpUrl url =
        original
            .url()
            .newBuilder()
            .scheme(target.scheme())
            .host(target.host())
            .port(target.port())
            .build();
    Request.Builder b = original.newBuilder().url(url);
    long epoch = servers.epoch();
    if (epoch > 0) {
      b.header(ClusterHeaders.EPOCH, Long.toString(epoch));
    }
    if (notAnswering != null && !ServerSet.sameOrigin(notAnswering, target)) {
      b.header(ClusterHeaders.PRIMARY_UNREACHABLE, notAnswering.toString());
    } else {
      b.removeHeader(ClusterHeaders.PRIMARY_UNREACHABLE);
    }
    return b.build();
  }

  private void observeEpoch(Response response) {
    String epoch = response.header(ClusterHeaders.EPOCH);
    if (epoch != null) {
      try {
        servers.observeEpoch(Long.parseLong(epoch.strip()));
      } catch (NumberFormatException e) {
        log.warn("ignoring a malformed {} header: '{}'", ClusterHeaders.EPOCH, epoch);
      }
    }
  }

  private static long retryAfterMillis(Response response) {
    String value = response.header("Retry-After");
    if (value == null) {
      return ROUND_PAUSE_MILLIS;
    }
    try {
      long seconds = Long.parseLong(value.strip());
      return Math.max(ROUND_PAUSE_MILLIS, Math.min(MAX_RETRY_AFTER_MILLIS, seconds * 1000));
    } catch (NumberFormatException e) {
      return ROUND_PAUSE_MILLIS;
    }
  }

  private static void pause(long millis) throws IOException {
    try {
      TimeUnit.MILLISECONDS.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while failing over");
    }
  }
}
