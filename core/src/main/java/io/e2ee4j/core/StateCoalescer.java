package io.e2ee4j.core;

import io.e2ee4j.api.E2eeStateEvent;
import io.e2ee4j.api.E2eeStateListener;
import java.util.function.LongSupplier;

/**
 * Coalesces one track's state changes, so a stream whose state flaps (good frames between frames
 * naming an empty slot, say) cannot turn every frame into a listener call. A token bucket per
 * track: up to {@link #BURST} changes go out at once, then one per {@link #INTERVAL_NANOS}. A
 * change that finds no token is held; the latest held change goes out when a token is back (at
 * the next change or frame), carrying in {@link E2eeStateEvent#coalescedChanges()} how many
 * changes it stands for besides itself.
 *
 * <p>Thread-safe: one small lock per track, never held by another track; listeners are called
 * under it, so one track's events arrive in order.
 */
final class StateCoalescer implements E2eeStateListener {

  /** Changes reported at once before coalescing starts. */
  static final int BURST = 4;
  /** Then at most one reported change per track in this interval: one second, in nanoseconds. */
  static final long INTERVAL_NANOS = 1_000_000_000L;

  private final E2eeStateListener downstream;
  private final LongSupplier nanoClock;
  private volatile boolean holding;
  private double tokens = BURST;
  private long lastRefill;
  private boolean clockStarted;
  private E2eeStateEvent latestHeld;
  private long held;

  StateCoalescer(E2eeStateListener downstream, LongSupplier nanoClock) {
    this.downstream = downstream;
    this.nanoClock = nanoClock;
  }

  @Override
  public synchronized void onStateChanged(E2eeStateEvent event) {
    if (!takeToken()) {
      held++;
      latestHeld = event;
      holding = true;
      return;
    }
    long besides = held;
    clearHeld();
    downstream.onStateChanged(besides == 0 ? event : event.withCoalescedChanges(besides));
  }

  /** Reports the latest held change once a token is back; called after every frame (cheap when nothing is held). */
  void flushIfDue() {
    if (!holding) {
      return;
    }
    synchronized (this) {
      if (latestHeld == null || !takeToken()) {
        return;
      }
      E2eeStateEvent event = latestHeld;
      long besides = held - 1;
      clearHeld();
      downstream.onStateChanged(besides == 0 ? event : event.withCoalescedChanges(besides));
    }
  }

  private boolean takeToken() {
    long now = nanoClock.getAsLong();
    if (!clockStarted) {
      clockStarted = true;
      lastRefill = now;
    }
    long elapsed = now - lastRefill;
    if (elapsed > 0) {
      tokens = Math.min(BURST, tokens + (double) elapsed / INTERVAL_NANOS);
      lastRefill = now;
    }
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }

  private void clearHeld() {
    latestHeld = null;
    held = 0;
    holding = false;
  }
}
