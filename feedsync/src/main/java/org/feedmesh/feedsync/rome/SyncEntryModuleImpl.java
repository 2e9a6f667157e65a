package org.feedmesh.feedsync.rome;

import com.rometools.rome.feed.CopyFrom;
import com.rometools.rome.feed.module.ModuleImpl;
import java.util.Objects;
import org.feedmesh.feedsync.Sync;

/** JavaBean holder of an item's {@code sx:sync}; the value is immutable, so clones share it. */
public class SyncEntryModuleImpl extends ModuleImpl implements SyncEntryModule {
  private static final long serialVersionUID = 1L;

  private Sync sync;

  public SyncEntryModuleImpl() {
    super(SyncEntryModule.class, URI);
  }

  public SyncEntryModuleImpl(Sync sync) {
    this();
    this.sync = sync;
  }

  @Override
  public Sync getSync() {
    return sync;
  }

  @Override
  public void setSync(Sync sync) {
    this.sync = sync;
  }

  @Override
  public Class<? extends CopyFrom> getInterface() {
    return SyncEntryModule.class;
  }

  @Override
  public void copyFrom(CopyFrom obj) {
    setSync(((SyncEntryModule) obj).getSync());
  }

  @Override
  public Object clone() {
    return new SyncEntryModuleImpl(sync);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SyncEntryModuleImpl other && Objects.equals(sync, other.sync);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(sync);
  }

  @Override
  public String toString() {
    return "SyncEntryModule[" + sync + "]";
  }
}
