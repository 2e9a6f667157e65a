package org.feedmesh.feedsync.xml.internal;

import java.util.ArrayList;
import java.util.List;
import org.feedmesh.feedsync.InvalidFeedSyncException;
import org.feedmesh.feedsync.fm.Block;
import org.feedmesh.feedsync.fm.FileKind;
import org.feedmesh.feedsync.fm.FileMeta;
import org.jdom2.Element;

/** The {@code fm:file} element (layout in {@code org.feedmesh.feedsync.xml}'s package-info). */
public final class FmElements {
  private FmElements() {}

  public static boolean isFile(Element e) {
    return Dom.is(e, Dom.FM, "file");
  }

  public static FileMeta readFile(Element file) {
    String path = Values.required(file, "path");
    FileKind kind = FileKind.fromXml(Values.required(file, "kind"));
    String sizeText = kind == FileKind.FILE ? Values.required(file, "size") : file.getAttributeValue("size");
    long size = sizeText == null ? 0 : Values.nonNegativeLong(file, "size", sizeText);
    int mode = mode(file, Values.required(file, "mode"));
    List<Block> blocks = new ArrayList<>();
    for (Element c : Dom.children(file)) {
      if (Dom.is(c, Dom.FM, "block")) {
        if (blocks.size() == FileMeta.MAX_BLOCKS) {
          throw new InvalidFeedSyncException("fm:file " + path + " lists more than "
              + FileMeta.MAX_BLOCKS + " blocks");
        }
        blocks.add(readBlock(c));
      }
    }
    return new FileMeta(path, kind, size, Values.time(file, "mtime"), mode,
        file.getAttributeValue("blob"), blocks, file.getAttributeValue("target"));
  }

  public static Element writeFile(FileMeta f) {
    Element e = Dom.element("file", Dom.FM);
    Dom.attribute(e, "path", f.path());
    Dom.attribute(e, "kind", f.kind().xml());
    if (f.kind() == FileKind.FILE) {
      Dom.attribute(e, "size", Long.toString(f.size()));
    }
    Dom.attribute(e, "mtime", f.mtime() == null ? null : Times.format(f.mtime()));
    Dom.attribute(e, "mode", octal(f.mode()));
    Dom.attribute(e, "blob", f.blobId());
    Dom.attribute(e, "target", f.target());
    for (Block b : f.blocks()) {
      Element c = Dom.element("block", Dom.FM);
      Dom.attribute(c, "offset", Long.toString(b.offset()));
      Dom.attribute(c, "size", Integer.toString(b.size()));
      Dom.attribute(c, "hash", b.hash());
      Dom.add(e, c);
    }
    return e;
  }

  private static Block readBlock(Element b) {
    long offset = Values.nonNegativeLong(b, "offset", Values.required(b, "offset"));
    long size = Values.nonNegativeLong(b, "size", Values.required(b, "size"));
    if (size > Block.MAX_SIZE) {
      throw new InvalidFeedSyncException(
          "a block size must be in 1.." + Block.MAX_SIZE + ", got " + size);
    }
    return new Block(offset, (int) size, Values.required(b, "hash"));
  }

  static String octal(int mode) {
    String digits = Integer.toOctalString(mode);
    return digits.length() >= 4 ? digits : "0".repeat(4 - digits.length()) + digits;
  }

  private static int mode(Element e, String text) {
    if (text.isEmpty() || text.length() > 4 || !text.chars().allMatch(c -> c >= '0' && c <= '7')) {
      throw new InvalidFeedSyncException(
          "fm:file/@mode must be 1 to 4 octal digits (e.g. 0644), got \"" + Values.shorten(text) + "\"");
    }
    return Integer.parseInt(text, 8);
  }
}
