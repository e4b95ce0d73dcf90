package io.e2ee4j.api;

/**
 * A key index as carried on the wire: one unsigned byte, 0 to 255, naming a key-ring slot.
 *
 * <p>A key set at index {@code i} lands in slot {@code i mod keyRingSize}; the slot number is what
 * a sender writes into a frame's trailer. Immutable and thread-safe.
 *
 * @param value the index, 0 to 255
 */
public record KeyIndex(int value) {

  /** The largest key index a frame trailer can carry. */
  public static final int MAX = 255;

  /** @throws IllegalArgumentException if {@code value} is outside 0..255 */
  public KeyIndex {
    check(value);
  }

  /** Shorthand for {@code new KeyIndex(value)}. */
  public static KeyIndex of(int value) {
    return new KeyIndex(value);
  }

  /**
   * Checks a key index given as an {@code int}.
   *
   * @return {@code value}
   * @throws IllegalArgumentException if {@code value} is outside 0..255
   */
  public static int check(int value) {
    if (value < 0 || value > MAX) {
      throw new IllegalArgumentException("key index must be 0..255, was " + value);
    }
    return value;
  }

  @Override
  public String toString() {
    return Integer.toString(value);
  }
}
