package org.feedmesh.agent.sync;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says which files a batch brought: each one at INFO when there are a few, one summary line at
 * INFO (and each file at DEBUG) when there are many, so that ten thousand arrivals are not ten
 * thousand log lines. Used on the sync thread only.
 */
final class ReceivedLog {
  /** Up to this many files a batch, each one gets its own INFO line. */
  static final int EACH_UP_TO = 10;

  private static final Logger log = LoggerFactory.getLogger(SyncEngine.class);

  private final List<String> paths = new ArrayList<>();
  private final List<Long> sizes = new ArrayList<>();
  private long bytes;

  void add(String path, long size) {
    paths.add(path);
    sizes.add(size);
    bytes += size;
    log.debug("received {} ({} bytes)", path, size);
  }

  /** Logs the files added since the last call, and forgets them. */
  void log() {
    if (paths.size() <= EACH_UP_TO) {
      if (!log.isDebugEnabled()) {
        for (int i = 0; i < paths.size(); i++) {
          log.info("received {} ({} bytes)", paths.get(i), sizes.get(i));
        }
      }
    } else {
      log.info("received {} files ({} bytes): {} … {}", paths.size(), bytes, paths.get(0),
          paths.get(paths.size() - 1));
    }
    paths.clear();
    sizes.clear();
    bytes = 0;
  }
}
