package org.feedmesh.server.status;

import java.util.List;
import org.feedmesh.platform.db.Migration;

/**
 * Tables of the {@code status} component: the latest report of each endpoint for each item ({@code
 * item_status}) and every report as an event under a per-namespace sequence ({@code status_event},
 * counter in {@code status_head}), which long-polls follow.
 */
public final class StatusSchema {
  public static final String COMPONENT = "status";

  public static final List<Migration> MIGRATIONS =
      List.of(
          new Migration(
              COMPONENT,
              1,
              """
              CREATE TABLE status_head (
                namespace VARCHAR(64) PRIMARY KEY REFERENCES namespace(name),
                last_seq BIGINT NOT NULL
              );
              CREATE TABLE item_status (
                namespace VARCHAR(64) NOT NULL REFERENCES namespace(name),
                item_id VARCHAR(1024) NOT NULL,
                endpoint_id VARCHAR(64) NOT NULL,
                updates INT NOT NULL,
                result VARCHAR(16) NOT NULL,
                reason VARCHAR(1000),
                reported_at TIMESTAMP WITH TIME ZONE NOT NULL,
                seq BIGINT NOT NULL,
                PRIMARY KEY (namespace, item_id, endpoint_id)
              );
              CREATE TABLE status_event (
                namespace VARCHAR(64) NOT NULL REFERENCES namespace(name),
                seq BIGINT NOT NULL,
                item_id VARCHAR(1024) NOT NULL,
                endpoint_id VARCHAR(64) NOT NULL,
                updates INT NOT NULL,
                result VARCHAR(16) NOT NULL,
                reason VARCHAR(1000),
                reported_at TIMESTAMP WITH TIME ZONE NOT NULL,
                PRIMARY KEY (namespace, seq)
              )
              """));

  private StatusSchema() {}
}
