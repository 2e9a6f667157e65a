package org.feedmesh.agent.sync;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says which files a batch brought (and which it moved into place from a local file renamed
 * elsewhere): each one at INFO when there are a few, one summary line at INFO (and each file at
 * DEBUG) when there are many, so that ten thousand arrivals are not ten thousand log lines. Used
 * on the sync thread only.
 */
final class ReceivedLog {
  /** Up to this many files a batch, each one gets its own INFO line. */
  static final int EACH_UP_TO = 10;

  private static final Logger log = LoggerFactory.getLogger(SyncEngine.class);

  private final List<String> paths = new ArrayList<>();
  private final List<Long> sizes = new ArrayList<>();
  private long bytes;
  private final List<String> movedFrom = new ArrayList<>();
  private final List<String> movedTo = new ArrayList<>();

  void add(String path, long size) {
    paths.add(path);
    sizes.add(size);
    bytes += size;
    log.debug("received {} ({} bytes)", path, size);
  }

  /** A file that arrived by renaming one already here: no byte was copied. */
  void moved(String from, String to) {
    movedFrom.add(from);
    movedTo.add(to);
    log.debug("moved {} to {}", from, to);
  }

  /** Logs the files added since the last call, and forgets them. */
  void log() {
    if (movedTo.size() <= EACH_UP_TO) {
      if (!log.isDebugEnabled()) {
        for (int i = 0; i < movedTo.size(); i++) {
          log.info("moved {} to {} (renamed elsewhere; no bytes copied)", movedFrom.get(i), movedTo.get(i));
        }
      }
    } else {
      log.info("moved {} files into place (renamed elsewhere; no bytes copied): {} … {}",
          movedTo.size(), movedTo.get(0), movedTo.get(movedTo.size() - 1));
    }
    movedFrom.clear();
    movedTo.clear();
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
