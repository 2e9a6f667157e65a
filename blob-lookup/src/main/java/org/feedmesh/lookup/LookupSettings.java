package org.feedmesh.lookup;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.feedmesh.feedsync.fm.FileMeta;

/**
 * Every setting of the blob lookup service, validated once at start-up. Bad values fail with a
 * message naming each offending setting; nothing is silently replaced.
 *
 * @param defaultTtl how long a locator lives when the registration names no ttl (10 min)
 * @param maxTtl the longest ttl a registration or heartbeat may ask for; longer asks are cut to it
 *     (1 h). This bounds how long an endpoint that went offline stays in answers.
 * @param maxBlocksPerBlob the longest block list accepted (1,000,000, as for a file in a feed)
 * @param maxBlockSize the largest block accepted, in bytes (16 MiB, as for a block in a feed)
 * @param maxBatchIds how many blob ids plus block hashes one batch lookup may ask for (10,000)
 * @param maxSourcesPerBlock how many blobs containing a block hash are reported per hash (8)
 * @param maxPeerUrls how many peer URLs one endpoint may announce (16, as the feed server)
 * @param freshnessStep holders heard from within the same step count as equally fresh, so that load
 *     (not milliseconds of heartbeat jitter) decides between them (60 s)
 * @param handoutWindow hand-outs counted for load spreading are those of the current and the
 *     previous window (5 min)
 * @param sweepInterval how often expired locators are purged (1 min)
 * @param blobRetention how long a blob with no locator left keeps its block list (7 days)
 */
public record LookupSettings(
    Duration defaultTtl,
    Duration maxTtl,
    int maxBlocksPerBlob,
    int maxBlockSize,
    int maxBatchIds,
    int maxSourcesPerBlock,
    int maxPeerUrls,
    Duration freshnessStep,
    Duration handoutWindow,
    Duration sweepInterval,
    Duration blobRetention) {

  /** Block indexes share a 64-bit key with the blob (see the store); this is their limit. */
  public static final int BLOCK_INDEX_LIMIT = 1 << 24;

  public LookupSettings {
    List<String> problems = new ArrayList<>();
    positive(problems, "defaultTtl", defaultTtl);
    positive(problems, "maxTtl", maxTtl);
    positive(problems, "freshnessStep", freshnessStep);
    positive(problems, "handoutWindow", handoutWindow);
    positive(problems, "sweepInterval", sweepInterval);
    positive(problems, "blobRetention", blobRetention);
    if (problems.isEmpty() && defaultTtl.compareTo(maxTtl) > 0) {
      problems.add("defaultTtl (" + defaultTtl + ") must not exceed maxTtl (" + maxTtl + ")");
    }
    if (maxBlocksPerBlob < 1 || maxBlocksPerBlob > BLOCK_INDEX_LIMIT) {
      problems.add(
          "maxBlocksPerBlob must be in 1.." + BLOCK_INDEX_LIMIT + ", got " + maxBlocksPerBlob);
    }
    if (maxBlockSize < 1) {
      problems.add("maxBlockSize must be > 0, got " + maxBlockSize);
    }
    if (maxBatchIds < 1) {
      problems.add("maxBatchIds must be > 0, got " + maxBatchIds);
    }
    if (maxSourcesPerBlock < 1) {
      problems.add("maxSourcesPerBlock must be > 0, got " + maxSourcesPerBlock);
    }
    if (maxPeerUrls < 0) {
      problems.add("maxPeerUrls must be >= 0, got " + maxPeerUrls);
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid lookup settings: " + String.join("; ", problems));
    }
  }

  public static LookupSettings defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  private static void positive(List<String> problems, String name, Duration d) {
    if (d == null || d.isNegative() || d.isZero()) {
      problems.add(name + " must be a positive duration, got " + d);
    }
  }

  /** Starts from the defaults; {@link #build()} validates. */
  public static final class Builder {
    private Duration defaultTtl = Duration.ofMinutes(10);
    private Duration maxTtl = Duration.ofHours(1);
    private int maxBlocksPerBlob = FileMeta.MAX_BLOCKS;
    private int maxBlockSize = org.feedmesh.feedsync.fm.Block.MAX_SIZE;
    private int maxBatchIds = 10_000;
    private int maxSourcesPerBlock = 8;
    private int maxPeerUrls = 16;
    private Duration freshnessStep = Duration.ofSeconds(60);
    private Duration handoutWindow = Duration.ofMinutes(5);
    private Duration sweepInterval = Duration.ofMinutes(1);
    private Duration blobRetention = Duration.ofDays(7);

    private Builder() {}

    public Builder defaultTtl(Duration v) {
      defaultTtl = v;
      return this;
    }

    public Builder maxTtl(Duration v) {
      maxTtl = v;
      return this;
    }

    public Builder maxBlocksPerBlob(int v) {
      maxBlocksPerBlob = v;
      return this;
    }

    public Builder maxBlockSize(int v) {
      maxBlockSize = v;
      return this;
    }

    public Builder maxBatchIds(int v) {
      maxBatchIds = v;
      return this;
    }

    public Builder maxSourcesPerBlock(int v) {
      maxSourcesPerBlock = v;
      return this;
    }

    public Builder maxPeerUrls(int v) {
      maxPeerUrls = v;
      return this;
    }

    public Builder freshnessStep(Duration v) {
      freshnessStep = v;
      return this;
    }

    public Builder handoutWindow(Duration v) {
      handoutWindow = v;
      return this;
    }

    public Builder sweepInterval(Duration v) {
      sweepInterval = v;
      return this;
    }

    public Builder blobRetention(Duration v) {
      blobRetention = v;
      return this;
    }

    public LookupSettings build() {
      return new LookupSettings(
          defaultTtl,
          maxTtl,
          maxBlocksPerBlob,
          maxBlockSize,
          maxBatchIds,
          maxSourcesPerBlock,
          maxPeerUrls,
          freshnessStep,
          handoutWindow,
          sweepInterval,
          blobRetention);
    }
  }
}
