package org.feedmesh.server.accounts;

import java.util.List;
import org.feedmesh.platform.db.Migration;

/**
 * Tables of the {@code accounts} component. {@code namespace.last_cursor} is the journal's cursor
 * counter: the journal increments it inside each publishing transaction, so the namespace row is
 * also the lock that orders a namespace's journal.
 */
public final class AccountsSchema {
  public static final String COMPONENT = "accounts";

  public static final List<Migration> MIGRATIONS =
      List.of(
          new Migration(
              COMPONENT,
              1,
              """
              CREATE TABLE namespace (
                name VARCHAR(64) PRIMARY KEY,
                created_at TIMESTAMP WITH TIME ZONE NOT NULL,
                last_cursor BIGINT DEFAULT 0 NOT NULL
              );
              CREATE TABLE endpoint (
                id VARCHAR(64) PRIMARY KEY,
                display_name VARCHAR(200) NOT NULL,
                token_hash CHAR(64) NOT NULL,
                created_at TIMESTAMP WITH TIME ZONE NOT NULL,
                revoked_at TIMESTAMP WITH TIME ZONE,
                relay BOOLEAN DEFAULT FALSE NOT NULL,
                last_seen_at TIMESTAMP WITH TIME ZONE,
                CONSTRAINT endpoint_token_unique UNIQUE (token_hash)
              );
              CREATE TABLE endpoint_namespace (
                endpoint_id VARCHAR(64) NOT NULL REFERENCES endpoint(id),
                namespace VARCHAR(64) NOT NULL REFERENCES namespace(name),
                can_read BOOLEAN NOT NULL,
                can_write BOOLEAN NOT NULL,
                applied_cursor BIGINT DEFAULT 0 NOT NULL,
                PRIMARY KEY (endpoint_id, namespace)
              );
              CREATE INDEX endpoint_namespace_by_namespace ON endpoint_namespace(namespace);
              CREATE TABLE endpoint_address (
                endpoint_id VARCHAR(64) NOT NULL REFERENCES endpoint(id),
                position INT NOT NULL,
                address VARCHAR(300) NOT NULL,
                announced_at TIMESTAMP WITH TIME ZONE NOT NULL,
                PRIMARY KEY (endpoint_id, position)
              );
              CREATE TABLE admin_credential (
                id INT PRIMARY KEY CHECK (id = 1),
                token_hash CHAR(64) NOT NULL,
                created_at TIMESTAMP WITH TIME ZONE NOT NULL
              )
              """));

  private AccountsSchema() {}
}
