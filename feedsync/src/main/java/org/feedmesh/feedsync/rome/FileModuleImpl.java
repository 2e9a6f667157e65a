package org.feedmesh.feedsync.rome;

import com.rometools.rome.feed.CopyFrom;
import com.rometools.rome.feed.module.ModuleImpl;
import java.util.Objects;
import org.feedmesh.feedsync.fm.FileMeta;

/** JavaBean holder of an item's {@code fm:file}; the value is immutable, so clones share it. */
public class FileModuleImpl extends ModuleImpl implements FileModule {
  private static final long serialVersionUID = 1L;

  private FileMeta file;

  public FileModuleImpl() {
    super(FileModule.class, URI);
  }

  public FileModuleImpl(FileMeta file) {
    this();
    this.file = file;
  }

  @Override
  public FileMeta getFile() {
    return file;
  }

  @Override
  public void setFile(FileMeta file) {
    this.file = file;
  }

  @Override
  public Class<? extends CopyFrom> getInterface() {
    return FileModule.class;
  }

  @Override
  public void copyFrom(CopyFrom obj) {
    setFile(((FileModule) obj).getFile());
  }

  @Override
  public Object clone() {
    return new FileModuleImpl(file);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FileModuleImpl other && Objects.equals(file, other.file);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(file);
  }

  @Override
  public String toString() {
    return "FileModule[" + file + "]";
  }
}
