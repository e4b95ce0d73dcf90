package io.e2ee4j.stress;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLongArray;

/** Printing figures with the {@code [stress]} prefix, heap after GC, and a latency histogram. */
final class Figures {

  private Figures() {}

  /** Prints one line of figures to stdout, prefixed {@code [stress]}. */
  static void print(String format, Object... args) {
    System.out.println("[stress] " + String.format(Locale.ROOT, format, args));
    System.out.flush();
  }

  /** Heap used after a few full collections, in bytes (MemoryMXBean). */
  static long heapAfterGc() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      try {
        Thread.sleep(60);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
    }
    return used;
  }

  static String mb(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
  }

  /** Latencies in 0.1 ms buckets up to 10 s (later ones land in the last bucket). Thread-safe. */
  static final class Latency {
    private static final int BUCKETS = 100_001;
    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

    void record(long nanos) {
      int bucket = (int) Math.min(BUCKETS - 1, Math.max(0, nanos / 100_000));
      counts.incrementAndGet(bucket);
    }

    long count() {
      long n = 0;
      for (int i = 0; i < BUCKETS; i++) {
        n += counts.get(i);
      }
      return n;
    }

    /** The {@code p}th percentile (0..100) in milliseconds; 0 when empty. */
    double percentileMillis(double p) {
      long[] snapshot = new long[BUCKETS];
      long n = 0;
      for (int i = 0; i < BUCKETS; i++) {
        snapshot[i] = counts.get(i);
        n += snapshot[i];
      }
      if (n == 0) {
        return 0;
      }
      long rank = (long) Math.ceil(p / 100.0 * n);
      long seen = 0;
      for (int i = 0; i < BUCKETS; i++) {
        seen += snapshot[i];
        if (seen >= rank) {
          return (i + 1) / 10.0;
        }
      }
      return BUCKETS / 10.0;
    }

    double maxMillis() {
      for (int i = BUCKETS - 1; i >= 0; i--) {
        if (counts.get(i) > 0) {
          return (i + 1) / 10.0;
        }
      }
      return 0;
    }

    String summary() {
      return String.format(Locale.ROOT, "p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d samples)", percentileMillis(50),
          percentileMillis(99), maxMillis(), count());
    }
  }

  static String joinCounts(long[] counts, Enum<?>[] names) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] > 0) {
        sb.append(sb.length() == 0 ? "" : ", ").append(names[i].name()).append('=').append(counts[i]);
      }
    }
    return sb.length() == 0 ? "none" : sb.toString();
  }

  static long sum(long[] counts) {
    return Arrays.stream(counts).sum();
  }
}
