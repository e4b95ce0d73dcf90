package io.e2ee4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StateLogRateLimiterTest {

  private static final long MS = 1_000_000L;

  @Test
  void tryAcquire_firstAlwaysThenOnePerSecondAndFivePerMinute_countingWhatWasSuppressed() {
    AtomicLong now = new AtomicLong(42);
    StateLogRateLimiter limiter = new StateLogRateLimiter(now::get);

    assertEquals(0, limiter.tryAcquire("bob|DECRYPT|MISSING_KEY"));
    assertEquals(-1, limiter.tryAcquire("bob|DECRYPT|MISSING_KEY"));
    assertEquals(0, limiter.tryAcquire("alice|DECRYPT|MISSING_KEY"), "keys are independent");
    now.addAndGet(999 * MS);
    assertEquals(-1, limiter.tryAcquire("bob|DECRYPT|MISSING_KEY"));
    now.addAndGet(1 * MS);
    assertEquals(2, limiter.tryAcquire("bob|DECRYPT|MISSING_KEY"), "two suppressed before this one");
    for (int i = 0; i < 3; i++) {
      now.addAndGet(1000 * MS);
      assertEquals(0, limiter.tryAcquire("bob|DECRYPT|MISSING_KEY"));
    }
    now.addAndGet(1000 * MS);
    assertEquals(-1, limiter.tryAcquire("bob|DECRYPT|MISSING_KEY"), "five in this minute already");
    now.addAndGet(60_000 * MS);
    assertEquals(1, limiter.tryAcquire("bob|DECRYPT|MISSING_KEY"), "a new minute");
  }
}
