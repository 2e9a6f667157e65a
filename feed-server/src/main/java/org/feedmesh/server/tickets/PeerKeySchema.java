package org.feedmesh.server.tickets;

import java.util.List;
import org.feedmesh.platform.db.Migration;

/**
 * The table of the {@code peer_key} component: the one Ed25519 key pair that signs peer tickets. It
 * lives in the server's database so that a standby which copies the database signs with the same
 * key, and tickets the agents hold stay valid across a failover.
 */
public final class PeerKeySchema {
  public static final String COMPONENT = "peer_key";

  public static final List<Migration> MIGRATIONS =
      List.of(
          new Migration(
              COMPONENT,
              1,
              """
              CREATE TABLE peer_key (
                id INT PRIMARY KEY CHECK (id = 1),
                algorithm VARCHAR(16) NOT NULL,
                key_id VARCHAR(64) NOT NULL,
                public_key VARBINARY(1024) NOT NULL,
                private_key VARBINARY(1024) NOT NULL,
                created_at TIMESTAMP WITH TIME ZONE NOT NULL
              )
              """));

  private PeerKeySchema() {}
}
