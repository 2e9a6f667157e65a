package org.feedmesh.agent.scan;

/**
 * Told how a scan is going: first {@link #total} (the files and bytes to hash), then {@link
 * #hashed} as bytes are hashed (a file that changed while hashed may count twice), then {@link
 * #done}. Called on the scanning thread.
 */
public interface ScanProgress {
  ScanProgress NONE = new ScanProgress() {
    @Override
    public void total(long files, long bytes) {}

    @Override
    public void hashed(long bytes) {}

    @Override
    public void done() {}
  };

  void total(long files, long bytes);

  void hashed(long bytes);

  void done();

  /** A text progress bar on standard error, for the initial scan of a large folder. */
  static ScanProgress bar() {
    return new ProgressBarScanProgress(System.err, "Hashing");
  }
}
