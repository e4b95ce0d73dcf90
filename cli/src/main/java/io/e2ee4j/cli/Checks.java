package io.e2ee4j.cli;

/** Range checks of option values that end in a {@link UsageException} naming the option. */
final class Checks {

  /** The most ratchets one command may ask for: each costs one KDF run (PBKDF2: about 50 ms). */
  static final int MAX_RATCHETS = 1000;

  private Checks() {}

  static int range(String option, int value, int min, int max) {
    if (value < min || value > max) {
      throw new UsageException(option + " must be " + min + ".." + max + ", was " + value);
    }
    return value;
  }

  static int keySizeBits(String option, int value) {
    if (value != 128 && value != 256) {
      throw new UsageException(option + " must be 128 or 256, was " + value);
    }
    return value;
  }

  /** An unsigned 32-bit value given in decimal (0..4294967295) or as 0x-prefixed hex. */
  static int uint32(String option, String text) {
    try {
      long v = text.startsWith("0x") || text.startsWith("0X")
          ? Long.parseLong(text.substring(2), 16)
          : Long.parseLong(text);
      if (v < 0 || v > 0xFFFF_FFFFL) {
        throw new UsageException(option + " must be 0..4294967295, was " + text);
      }
      return (int) v;
    } catch (NumberFormatException e) {
      throw new UsageException(option + " must be an unsigned 32-bit number, was '" + text + "'");
    }
  }
}
