package org.feedmesh.agent.sync;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.feedmesh.feedsync.Item;
import org.feedmesh.feedsync.xml.EntryXml;
import org.feedmesh.feedsync.xml.XmlLimits;

/** An item version as the index stores it: one Atom entry. */
final class ItemXml {
  private ItemXml() {}

  static String write(Item item) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    try {
      EntryXml.write(item, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  static Item parse(String xml) {
    return EntryXml.readItem(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), XmlLimits.DEFAULT);
  }
}
