package io.e2ee4j.cli;

import java.util.HexFormat;
import picocli.CommandLine.TypeConversionException;

/**
 * Bytes given in hex on the command line: either case in, lower case out. A parse error names the
 * offending character and its position but never echoes the value (it may be key material).
 *
 * @param bytes the decoded bytes (not copied: this is a short-lived command-line value)
 */
record HexBytes(byte[] bytes) {

  private static final HexFormat HEX = HexFormat.of();

  /**
   * Decodes {@code text}: an even number of hex digits, either case; an empty string is no bytes.
   *
   * @throws TypeConversionException saying what is wrong (picocli adds the option's name)
   */
  static HexBytes parse(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (Character.digit(text.charAt(i), 16) < 0) {
        char c = text.charAt(i);
        String shown = c >= 0x21 && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c);
        throw new TypeConversionException("not hex: " + shown + " at position " + (i + 1)
            + " (expected digits 0-9, a-f, A-F)");
      }
    }
    if (text.length() % 2 != 0) {
      throw new TypeConversionException("not hex: odd number of digits (" + text.length() + ")");
    }
    return new HexBytes(HEX.parseHex(text));
  }

  /** Lower-case hex of {@code bytes}. */
  static String format(byte[] bytes) {
    return HEX.formatHex(bytes);
  }

  /** Lower-case hex of {@code bytes[offset, offset + length)}. */
  static String format(byte[] bytes, int offset, int length) {
    return HEX.formatHex(bytes, offset, offset + length);
  }

  int length() {
    return bytes.length;
  }

  /** Never the bytes: they may be secret. */
  @Override
  public String toString() {
    return "HexBytes[" + bytes.length + " bytes]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HexBytes h && java.util.Arrays.equals(bytes, h.bytes);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(bytes);
  }
}
