package org.feedmesh.agent.scan;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The synced folder, or its {@code .feedmesh/} marker, is missing: the drive it is on is not
 * mounted, or it was moved or replaced. Nothing is scanned or written until it is back.
 */
public final class FolderMissingException extends IOException {
  public FolderMissingException(Path folder) {
    super(folder + " is missing, or has no " + IgnoreRules.AGENT_DIR + "/ marker: is its drive"
        + " unmounted, or was it moved? Nothing is scanned or written there until it is back (if it"
        + " really is the same folder, create " + folder.resolve(IgnoreRules.AGENT_DIR) + ")");
  }
}
