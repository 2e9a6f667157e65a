package org.feedmesh.agent.scan;

import java.io.PrintStream;
import java.util.Objects;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Shows a scan's hashing as a text progress bar in MiB (the me.tongfei progressbar library). */
public final class ProgressBarScanProgress implements ScanProgress {
  private static final long MIB = 1 << 20;

  private final PrintStream out;
  private final String task;
  private ProgressBar bar;

  public ProgressBarScanProgress(PrintStream out, String task) {
    this.out = Objects.requireNonNull(out, "out");
    this.task = Objects.requireNonNull(task, "task");
  }

  @Override
  public synchronized void total(long files, long bytes) {
    close();
    bar = new ProgressBarBuilder()
        .setTaskName(task)
        .setInitialMax(bytes)
        .setUnit(" MiB", MIB)
        .setStyle(ProgressBarStyle.ASCII)
        .setConsumer(new ConsoleProgressBarConsumer(out))
        .setUpdateIntervalMillis(250)
        .showSpeed()
        .build();
    bar.setExtraMessage(files + (files == 1 ? " file" : " files"));
  }

  @Override
  public synchronized void hashed(long bytes) {
    if (bar != null) {
      bar.stepBy(bytes);
    }
  }

  @Override
  public synchronized void done() {
    close();
  }

  private void close() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }
}
