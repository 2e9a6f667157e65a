package org.feedmesh.webapp;

import java.util.List;
import org.feedmesh.platform.db.Migration;

/**
 * Tables of the {@code webapp} component, in the feed server's database. {@code ui_item} is a read
 * model of the journal's current items (rebuilt from the journal when missing or behind): one row
 * per item with the columns the items table sorts and filters by, each sort order backed by an
 * index that starts with the namespace, so a page of a 100,000-item namespace is an index range
 * scan. {@code ui_index_head} says up to which cursor a namespace is indexed. {@code ui_lan_peer}
 * holds the LAN peers each endpoint last reported.
 */
public final class WebSchema {
  public static final String COMPONENT = "webapp";

  public static final List<Migration> MIGRATIONS =
      List.of(
          new Migration(
              COMPONENT,
              1,
              """
              CREATE TABLE ui_item (
                namespace VARCHAR(64) NOT NULL,
                item_id VARCHAR(1024) NOT NULL,
                path VARCHAR(4096) NOT NULL,
                path_lower VARCHAR(4096) NOT NULL,
                kind VARCHAR(8) NOT NULL,
                size BIGINT NOT NULL,
                updates INT NOT NULL,
                deleted BOOLEAN NOT NULL,
                conflicts INT NOT NULL,
                changed_by VARCHAR(1024) NOT NULL,
                changed_at TIMESTAMP WITH TIME ZONE NOT NULL,
                cursor BIGINT NOT NULL,
                PRIMARY KEY (namespace, item_id)
              );
              CREATE INDEX ui_item_path ON ui_item(namespace, path, item_id);
              CREATE INDEX ui_item_size ON ui_item(namespace, size, item_id);
              CREATE INDEX ui_item_updates ON ui_item(namespace, updates, item_id);
              CREATE INDEX ui_item_changed ON ui_item(namespace, changed_at, item_id);
              CREATE INDEX ui_item_by ON ui_item(namespace, changed_by, item_id);
              CREATE INDEX ui_item_cursor ON ui_item(namespace, cursor, item_id);
              CREATE INDEX ui_item_conflicts ON ui_item(namespace, conflicts);
              CREATE TABLE ui_index_head (
                namespace VARCHAR(64) PRIMARY KEY,
                cursor BIGINT NOT NULL
              );
              CREATE TABLE ui_lan_peer (
                endpoint_id VARCHAR(64) NOT NULL,
                position INT NOT NULL,
                peer VARCHAR(64) NOT NULL,
                address VARCHAR(300) NOT NULL,
                cursors VARCHAR(100000) NOT NULL,
                reported_at TIMESTAMP WITH TIME ZONE NOT NULL,
                PRIMARY KEY (endpoint_id, position)
              )
              """));

  private WebSchema() {}
}
