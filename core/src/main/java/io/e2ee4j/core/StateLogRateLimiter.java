package io.e2ee4j.core;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Decides whether a log line for one key (such as "participant, direction, state") may be written,
 * as LiveKit JS's {@code ErrorRateLimiter} does: the first one always, then at most one per second
 * and at most {@value #MAX_PER_MINUTE} per 60 seconds. Lines refused are counted, and the next line
 * allowed for that key can say how many were suppressed.
 *
 * <p>Thread-safe; each key has its own small lock, there is no global one. The table of keys is
 * bounded: past {@value #MAX_KEYS} keys it is cleared, which at worst lets a few extra lines out.
 */
final class StateLogRateLimiter {

  static final int MAX_PER_MINUTE = 5;
  static final int MAX_KEYS = 4096;
  private static final long SECOND = 1_000_000_000L;
  private static final long MINUTE = 60 * SECOND;

  private final LongSupplier nanoClock;
  private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

  StateLogRateLimiter(LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
  }

  /**
   * Whether a line for {@code key} may be written now.
   *
   * @return -1 if not; otherwise the number of lines suppressed for this key since the last one
   *     written (0 normally)
   */
  long tryAcquire(String key) {
    if (windows.size() >= MAX_KEYS && !windows.containsKey(key)) {
      windows.clear();
    }
    Window w = windows.computeIfAbsent(key, k -> new Window());
    return w.tryAcquire(nanoClock.getAsLong());
  }

  private static final class Window {
    private boolean used;
    private long last;
    private long minuteStart;
    private int inMinute;
    private long suppressed;

    synchronized long tryAcquire(long now) {
      if (!used) {
        used = true;
        last = now;
        minuteStart = now;
        inMinute = 1;
        return 0;
      }
      if (now - minuteStart >= MINUTE) {
        minuteStart = now;
        inMinute = 0;
      }
      if (now - last < SECOND || inMinute >= MAX_PER_MINUTE) {
        suppressed++;
        return -1;
      }
      last = now;
      inMinute++;
      long s = suppressed;
      suppressed = 0;
      return s;
    }
  }
}
