package org.feedmesh.agent.lan;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.feedmesh.agent.lan.DecodeException.Reason;

/** What a {@link LanListener} has received so far. Thread-safe; values only grow. */
public final class LanStats {
  private final AtomicLong received = new AtomicLong();
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong own = new AtomicLong();
  private final Map<Reason, AtomicLong> dropped = new EnumMap<>(Reason.class);

  LanStats() {
    for (Reason r : Reason.values()) {
      dropped.put(r, new AtomicLong());
    }
  }

  /** Datagrams received, whatever they held. */
  public long received() {
    return received.get();
  }

  /** Valid advertisements of other instances, passed to the peer table. */
  public long accepted() {
    return accepted.get();
  }

  /** Valid advertisements of this agent's own instance, ignored. */
  public long ownIgnored() {
    return own.get();
  }

  /** Datagrams dropped as undecodable, all reasons. */
  public long dropped() {
    return dropped.values().stream().mapToLong(AtomicLong::get).sum();
  }

  public long dropped(Reason reason) {
    return dropped.get(reason).get();
  }

  void countReceived() {
    received.incrementAndGet();
  }

  void countAccepted() {
    accepted.incrementAndGet();
  }

  void countOwn() {
    own.incrementAndGet();
  }

  void countDropped(Reason reason) {
    dropped.get(reason).incrementAndGet();
  }

  @Override
  public String toString() {
    return "received="
        + received()
        + ", accepted="
        + accepted()
        + ", own="
        + ownIgnored()
        + ", dropped="
        + dropped();
  }
}
