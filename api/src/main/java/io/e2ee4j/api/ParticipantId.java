package io.e2ee4j.api;

import java.util.Objects;

/**
 * A participant's identity in a room, as the SFU names it (LiveKit's {@code participant_identity}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param value the identity, non-empty
 */
public record ParticipantId(String value) {

  /**
   * @throws NullPointerException if {@code value} is null
   * @throws IllegalArgumentException if {@code value} is empty
   */
  public ParticipantId {
    Objects.requireNonNull(value, "value is null");
    if (value.isEmpty()) {
      throw new IllegalArgumentException("participant identity is empty");
    }
  }

  /** Shorthand for {@code new ParticipantId(value)}. */
  public static ParticipantId of(String value) {
    return new ParticipantId(value);
  }

  /**
   * The identity in a form safe to print or log: the identity is chosen by a peer (a data packet
   * names it), so control characters (C0, DEL, C1), line and paragraph separators, bidirectional-text
   * controls and backslashes
   * are written as escapes ({@code \n}, {@code \x1b}, a backslash-u escape for U+2028 and
   * U+2029, {@code \\}), and an
   * identity longer than {@value #PRINTED_CHARS} characters is cut there and marked with its length.
   * So a log line or an answer line that shows an identity stays one line. Use {@link #value()}
   * for the identity itself.
   */
  @Override
  public String toString() {
    return printable(value);
  }

  /** How many characters of an identity {@link #toString()} shows. */
  public static final int PRINTED_CHARS = 256;

  /**
   * {@code text} as {@link #toString()} prints an identity: escaped, and cut after {@value
   * #PRINTED_CHARS} characters. For other text a peer chose (topics, reasons).
   * See {@link #printable(String, int)}.
   */
  public static String printable(String text) {
    return printable(text, PRINTED_CHARS);
  }

  /**
   * {@code text} escaped as {@link #toString()} escapes an identity (also the bidirectional-text
   * controls U+061C, U+200E/F, U+202A..U+202E and U+2066..U+2069, which could make a printed line
   * read differently from what it holds), and cut after {@code maxChars} characters.
   *
   * @throws IllegalArgumentException if {@code maxChars} is not positive
   */
  public static String printable(String text, int maxChars) {
    Objects.requireNonNull(text, "text is null");
    if (maxChars <= 0) {
      throw new IllegalArgumentException("maxChars must be positive, was " + maxChars);
    }
    int shown = Math.min(text.length(), maxChars);
    if (shown < text.length() && Character.isHighSurrogate(text.charAt(shown - 1))) {
      shown--; // never cut a pair in two
    }
    StringBuilder sb = null;
    for (int i = 0; i < shown; i++) {
      char c = text.charAt(i);
      boolean escape = c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\\' || c == '\u2028' || c == '\u2029'
          || isBidiControl(c) || Character.isSurrogate(c) && !pairedSurrogate(text, i);
      if (escape && sb == null) {
        sb = new StringBuilder(shown + 16).append(text, 0, i);
      }
      if (sb == null) {
        continue;
      }
      if (!escape) {
        sb.append(c);
      } else if (c == '\n') {
        sb.append("\\n");
      } else if (c == '\r') {
        sb.append("\\r");
      } else if (c == '\t') {
        sb.append("\\t");
      } else if (c == '\\') {
        sb.append("\\\\");
      } else if (c <= 0xff) {
        sb.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xf]);
      } else {
        sb.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xf]).append(HEX[(c >> 4) & 0xf])
            .append(HEX[c & 0xf]);
      }
    }
    if (shown == text.length()) {
      return sb == null ? text : sb.toString();
    }
    if (sb == null) {
      sb = new StringBuilder(shown + 24).append(text, 0, shown);
    }
    return sb.append("...(").append(text.length()).append(" chars)").toString();
  }

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private static boolean isBidiControl(char c) {
    return c == '\u061c' || c == '\u200e' || c == '\u200f' || (c >= '\u202a' && c <= '\u202e')
        || (c >= '\u2066' && c <= '\u2069');
  }

  private static boolean pairedSurrogate(String text, int i) {
    char c = text.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
  }
}
