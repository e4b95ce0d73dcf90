package io.e2ee4j.cli;

import java.util.HexFormat;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Bytes given in hex on the command line: either case in, lower case out, at most {@link
 * #MAX_DIGITS} digits. A parse error names the position (and, unless the value is secret, the
 * offending character) but never echoes the value.
 *
 * @param bytes the decoded bytes (not copied: this is a short-lived command-line value)
 */
record HexBytes(byte[] bytes) {

  private static final HexFormat HEX = HexFormat.of();

  /**
   * The most bytes one hex value may give: 16 MiB, the data-packet size limit (frames are limited
   * to 8 MiB), so {@value #MAX_DIGITS} hex digits.
   */
  static final int MAX_BYTES = 16 << 20;

  /** The most hex digits one value may have: twice {@link #MAX_BYTES}. */
  static final int MAX_DIGITS = 2 * MAX_BYTES;

  /**
   * Decodes {@code text}: an even number of hex digits, either case; an empty string is no bytes.
   * Only the ASCII digits 0-9, a-f and A-F count ({@link Character#digit} would take other
   * scripts' digits too). The error names the offending character (as {@code 'c'} or {@code
   * U+XXXX}) and its position: "not hex at position 9 ('X'; expected only digits 0-9, a-f, A-F)".
   *
   * @throws TypeConversionException saying what is wrong (picocli adds the option's name)
   */
  static HexBytes parse(String text) {
    return parse(text, true);
  }

  /** {@link #parse}, for a secret value: an error names the position, never the character. */
  static HexBytes parseSecret(String text) {
    return parse(text, false);
  }

  /** The converter of options whose hex is secret (key material). */
  static final class SecretConverter implements ITypeConverter<HexBytes> {
    @Override
    public HexBytes convert(String value) {
      return parseSecret(value);
    }
  }

  private static HexBytes parse(String text, boolean showCharacter) {
    if (text.length() > MAX_DIGITS) {
      throw new TypeConversionException("too long: " + text.length() + " characters, the most is " + MAX_DIGITS
          + " hex digits (" + (MAX_BYTES >> 20) + " MiB)");
    }
    byte[] bytes = new byte[text.length() / 2];
    for (int i = 0; i < text.length(); i++) {
      int digit = digit(text.charAt(i));
      if (digit < 0) {
        java.util.Arrays.fill(bytes, (byte) 0);
        char c = text.charAt(i);
        String shown = !showCharacter ? "" : c >= 0x21 && c < 0x7f ? "'" + c + "'; " : String.format("U+%04X; ", (int) c);
        throw new TypeConversionException("not hex at position " + (i + 1) + " (" + shown
            + "expected only digits 0-9, a-f, A-F)");
      }
      if (i / 2 < bytes.length) {
        bytes[i / 2] |= (byte) ((i % 2 == 0) ? digit << 4 : digit);
      }
    }
    if (text.length() % 2 != 0) {
      java.util.Arrays.fill(bytes, (byte) 0);
      throw new TypeConversionException("not hex: odd number of digits (" + text.length() + ")");
    }
    return new HexBytes(bytes);
  }

  /** The value of an ASCII hex digit, or -1 for any other character. */
  private static int digit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
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
