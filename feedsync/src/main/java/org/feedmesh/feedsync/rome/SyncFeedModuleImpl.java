package org.feedmesh.feedsync.rome;

import com.rometools.rome.feed.CopyFrom;
import com.rometools.rome.feed.module.ModuleImpl;
import java.util.Objects;
import org.feedmesh.feedsync.Sharing;

/**
 * JavaBean holder of the feed-level FeedSync values, as Rome requires. The values themselves are
 * immutable records, so cloning copies references.
 */
public class SyncFeedModuleImpl extends ModuleImpl implements SyncFeedModule {
  private static final long serialVersionUID = 1L;

  private Sharing sharing = Sharing.NONE;
  private boolean unpublished;

  public SyncFeedModuleImpl() {
    super(SyncFeedModule.class, URI);
  }

  public SyncFeedModuleImpl(Sharing sharing, boolean unpublished) {
    this();
    setSharing(sharing);
    this.unpublished = unpublished;
  }

  @Override
  public Sharing getSharing() {
    return sharing;
  }

  @Override
  public void setSharing(Sharing sharing) {
    this.sharing = sharing == null ? Sharing.NONE : sharing;
  }

  @Override
  public boolean isUnpublished() {
    return unpublished;
  }

  @Override
  public void setUnpublished(boolean unpublished) {
    this.unpublished = unpublished;
  }

  @Override
  public Class<? extends CopyFrom> getInterface() {
    return SyncFeedModule.class;
  }

  @Override
  public void copyFrom(CopyFrom obj) {
    SyncFeedModule other = (SyncFeedModule) obj;
    setSharing(other.getSharing());
    setUnpublished(other.isUnpublished());
  }

  @Override
  public Object clone() {
    return new SyncFeedModuleImpl(sharing, unpublished);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SyncFeedModuleImpl other
        && sharing.equals(other.sharing) && unpublished == other.unpublished;
  }

  @Override
  public int hashCode() {
    return Objects.hash(sharing, unpublished);
  }

  @Override
  public String toString() {
    return "SyncFeedModule[sharing=" + sharing + ", unpublished=" + unpublished + "]";
  }
}
