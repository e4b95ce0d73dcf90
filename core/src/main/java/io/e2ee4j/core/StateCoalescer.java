package io.e2ee4j.core;

import io.e2ee4j.api.E2eeStateEvent;
import io.e2ee4j.api.E2eeStateListener;
import java.util.function.LongSupplier;

/**
 * Coalesces one track's state changes, so a stream whose state flaps (good frames between frames
 * naming an empty slot, say) cannot turn every frame into a listener call: the first change goes
 * out at once; changes within {@link #INTERVAL_NANOS} of the last one reported are held, and the
 * latest of them goes out when the interval has passed (at the next change or frame), carrying
 * in {@link E2eeStateEvent#coalescedChanges()} how many changes it stands for besides itself. So a
 * track reports at most one change a second.
 *
 * <p>Thread-safe: one small lock per track, never held by another track; listeners are called
 * under it, so one track's events arrive in order.
 */
final class StateCoalescer implements E2eeStateListener {

  /** At most one reported change per track in this interval: one second, in nanoseconds. */
  static final long INTERVAL_NANOS = 1_000_000_000L;

  private final E2eeStateListener downstream;
  private final LongSupplier nanoClock;
  private volatile boolean holding;
  private boolean reportedOnce;
  private long lastReport;
  private E2eeStateEvent latestHeld;
  private long held;

  StateCoalescer(E2eeStateListener downstream, LongSupplier nanoClock) {
    this.downstream = downstream;
    this.nanoClock = nanoClock;
  }

  @Override
  public synchronized void onStateChanged(E2eeStateEvent event) {
    long now = nanoClock.getAsLong();
    if (reportedOnce && now - lastReport < INTERVAL_NANOS) {
      held++;
      latestHeld = event;
      holding = true;
      return;
    }
    long besides = held;
    clear(now);
    downstream.onStateChanged(besides == 0 ? event : event.withCoalescedChanges(besides));
  }

  /** Reports the latest held change if the interval has passed; called after every frame (cheap when nothing is held). */
  void flushIfDue() {
    if (!holding) {
      return;
    }
    synchronized (this) {
      long now = nanoClock.getAsLong();
      if (latestHeld == null || now - lastReport < INTERVAL_NANOS) {
        return;
      }
      E2eeStateEvent event = latestHeld;
      long besides = held - 1;
      clear(now);
      downstream.onStateChanged(besides == 0 ? event : event.withCoalescedChanges(besides));
    }
  }

  private void clear(long now) {
    reportedOnce = true;
    lastReport = now;
    latestHeld = null;
    held = 0;
    holding = false;
  }
}
