/**
 * Finding local changes: {@link org.feedmesh.agent.scan.IgnoreRules} (gitignore-style {@code
 * .feedmeshignore} plus names never synced), the {@link org.feedmesh.agent.scan.FolderScanner}
 * that compares the disk with the index and hashes only what a stat says may have changed, and the
 * {@link org.feedmesh.agent.scan.FolderWatcher} that turns file-system events into debounced sets
 * of paths to scan. The intended use: start the watcher, then run a full scan (with a progress bar
 * the first time), scan each batch of watched paths, and run a full scan on overflow and
 * periodically as a safety net. Nothing here writes the index: the sync engine records a change
 * once it is published.
 */
package org.feedmesh.agent.scan;
