package io.e2ee4j.cli;

import io.e2ee4j.api.ParticipantId;

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

  private PeerText() {}

  /**
   * {@code text} with every character that could break a line or reach a terminal as a control
   * written as a visible escape, backslashes doubled; cut after {@value #MAX_SHOWN_CHARS}
   * characters and then marked with its length. Null prints as {@code null}.
   */
  static String escape(String text) {
    return text == null ? "null" : ParticipantId.printable(text, MAX_SHOWN_CHARS);
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
    if (line.indexOf('\\') < 0) {
      return ParticipantId.printable(line, Math.max(1, line.length()));
    }
    // Escape the pieces between backslashes, keeping the backslashes themselves.
    StringBuilder sb = new StringBuilder(line.length() + 16);
    int from = 0;
    for (int at = line.indexOf('\\'); at >= 0; at = line.indexOf('\\', from)) {
      sb.append(piece(line, from, at)).append('\\');
      from = at + 1;
    }
    return sb.append(piece(line, from, line.length())).toString();
  }

  private static String piece(String line, int from, int to) {
    return from == to ? "" : ParticipantId.printable(line.substring(from, to), to - from);
  }
}
