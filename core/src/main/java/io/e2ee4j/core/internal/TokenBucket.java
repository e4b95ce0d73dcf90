package io.e2ee4j.core.internal;

import java.util.function.LongSupplier;

/**
 * A token bucket: {@code capacity} operations at once, refilled at {@code capacity} per second.
 * Caps the work a peer's frames can cause: key derivations (each PBKDF2 run is 100,000 HMACs)
 * and trial decryptions of an auto-ratchet.
 *
 * <p>Thread-safe (synchronized; contended only by one participant's failing frames).
 */
public final class TokenBucket {

  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final int capacity;
  private final LongSupplier nanoClock;
  private double tokens;
  private long lastRefill;

  /** @param capacity operations allowed in a burst and per second, at least 1 */
  public TokenBucket(int capacity, LongSupplier nanoClock) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive, was " + capacity);
    }
    this.capacity = capacity;
    this.nanoClock = nanoClock;
    this.tokens = capacity;
    this.lastRefill = nanoClock.getAsLong();
  }

  /** Takes one token; false if the bucket is empty for now. */
  public synchronized boolean tryAcquire() {
    long now = nanoClock.getAsLong();
    long elapsed = now - lastRefill;
    if (elapsed > 0) {
      tokens = Math.min(capacity, tokens + (double) elapsed * capacity / NANOS_PER_SECOND);
      lastRefill = now;
    }
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }
}
