package io.e2ee4j.testing;

import org.junit.jupiter.api.Assumptions;

/**
 * Skips a test whose precondition does not hold, and says why on the console (Surefire shows a
 * skipped test's reason only in its XML report).
 */
public final class Skip {

  private Skip() {}

  /** Skips the calling test unless {@code condition} holds, printing {@code [skipped] reason} first. */
  public static void unless(boolean condition, String reason) {
    if (!condition) {
      System.out.println("[skipped] " + reason);
      System.out.flush();
    }
    Assumptions.assumeTrue(condition, reason);
  }
}
