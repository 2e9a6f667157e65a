package org.feedmesh.server.status;

import java.time.Instant;

/** A stored status report under its per-namespace sequence number. */
public record StatusEvent(
    long seq,
    String endpoint,
    String id,
    int updates,
    StatusReport.Result result,
    String reason,
    Instant reported) {}
