package io.e2ee4j.cli;

/**
 * Text made safe to print. Strings a peer chose (participant identities, sids, anything decoded
 * from a frame or packet) may hold line breaks or terminal control sequences; printed as they are,
 * one of them could forge a batch answer line ({@code "\nOK ..."}) or drive the user's terminal.
 * Every such string goes through {@link #escape} before it becomes part of an output line, and
 * every line the command line prints goes through {@link #line} as a last resort.
 *
 * <p>Escapes: {@code \\} for a backslash; {@code \n}, {@code \r}, {@code \t}; {@code \xHH} for
 * the other C0 controls, DEL and the C1 controls (U+0080..U+009F); {@code \\uHHHH} for the line
 * and paragraph separators U+2028 and U+2029, the bidirectional-text controls (U+061C,
 * U+200E/F, U+202A..U+202E, U+2066..U+2069) and unpaired surrogates. Everything else is printed as
 * it is. Not instantiable.
 */
final class PeerText {

  /** How many characters of one peer string {@link #escape} shows before it cuts the rest. */
  static final int MAX_SHOWN_CHARS = 1024;

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private PeerText() {}

  /**
   * {@code text} with every character that could break a line or reach a terminal as a control
   * written as a visible escape, backslashes doubled; cut after {@value #MAX_SHOWN_CHARS}
   * characters and then marked with its length. Null prints as {@code null}.
   */
  static String escape(String text) {
    if (text == null) {
      return "null";
    }
    int shown = Math.min(text.length(), MAX_SHOWN_CHARS);
    if (shown < text.length() && Character.isHighSurrogate(text.charAt(shown - 1))) {
      shown--; // never cut a pair in two
    }
    StringBuilder sb = new StringBuilder(shown + 16);
    append(sb, text, shown, true);
    if (shown < text.length()) {
      sb.append("...(").append(text.length()).append(" chars)");
    }
    return sb.toString();
  }

  /**
   * {@code line} as one printable line: the same escapes as {@link #escape} except that
   * backslashes stay as they are (so text escaped already is unchanged) and nothing is cut. The
   * guard every printed line passes: whatever reaches it, the result holds no line break and no
   * control character.
   */
  static String line(String line) {
    if (line == null) {
      return "null";
    }
    int i = 0;
    while (i < line.length() && !needsEscape(line, i, false)) {
      i++;
    }
    if (i == line.length()) {
      return line;
    }
    StringBuilder sb = new StringBuilder(line.length() + 16);
    append(sb, line, line.length(), false);
    return sb.toString();
  }

  private static void append(StringBuilder sb, String text, int end, boolean backslash) {
    for (int i = 0; i < end; i++) {
      char c = text.charAt(i);
      if (!needsEscape(text, i, backslash)) {
        sb.append(c);
      } else if (c == '\\') {
        sb.append("\\\\");
      } else if (c == '\n') {
        sb.append("\\n");
      } else if (c == '\r') {
        sb.append("\\r");
      } else if (c == '\t') {
        sb.append("\\t");
      } else if (c <= 0xff) {
        sb.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xf]);
      } else {
        sb.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xf]).append(HEX[(c >> 4) & 0xf])
            .append(HEX[c & 0xf]);
      }
    }
  }

  private static boolean needsEscape(String text, int i, boolean backslash) {
    char c = text.charAt(i);
    if (c >= 0x20 && c < 0x7f) {
      return backslash && c == '\\';
    }
    if (c < 0x20 || c <= 0x9f) {
      return true; // C0, DEL, C1
    }
    if (c == '\u2028' || c == '\u2029' || c == '\u061c' || c == '\u200e' || c == '\u200f'
        || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069')) {
      return true;
    }
    if (Character.isHighSurrogate(c)) {
      return i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
    }
    if (Character.isLowSurrogate(c)) {
      return i == 0 || !Character.isHighSurrogate(text.charAt(i - 1));
    }
    return false;
  }
}
