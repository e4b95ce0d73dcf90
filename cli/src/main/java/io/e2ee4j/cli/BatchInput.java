package io.e2ee4j.cli;

import java.io.IOException;
import java.io.Reader;

/**
 * The lines of batch mode's standard input, each at most {@link #MAX_LINE_CHARS} characters: a
 * longer line is read to its end and dropped rather than kept, so one line can never hold more
 * than that in memory. Lines end at {@code \n}, {@code \r} or {@code \r\n}, as with
 * {@link java.io.BufferedReader#readLine}. Not thread-safe.
 */
final class BatchInput {

  /**
   * The longest batch line: room for the largest hex value ({@link HexBytes#MAX_DIGITS} digits,
   * 16 MiB of bytes) plus 64 Ki characters of command and options.
   */
  static final int MAX_LINE_CHARS = HexBytes.MAX_DIGITS + (1 << 16);

  /**
   * One line read.
   *
   * @param text the line without its terminator, or null if it was dropped
   * @param length how many characters it had
   * @param outOfMemory true if it was dropped because memory ran out while it was read (else it was
   *     longer than {@link #MAX_LINE_CHARS})
   */
  record Line(String text, long length, boolean outOfMemory) {
    boolean dropped() {
      return text == null;
    }
  }

  private final Reader in;
  private final int maxChars;
  private final char[] buffer = new char[1 << 16];
  private int position;
  private int end;
  private boolean skipLineFeed;

  BatchInput(Reader in) {
    this(in, MAX_LINE_CHARS);
  }

  BatchInput(Reader in, int maxChars) {
    this.in = in;
    this.maxChars = maxChars;
  }

  /** The next line, or null at the end of the input. */
  Line next() throws IOException {
    StringBuilder line = new StringBuilder();
    long length = 0;
    boolean outOfMemory = false;
    boolean any = false;
    while (true) {
      if (position == end) {
        end = in.read(buffer, 0, buffer.length);
        position = 0;
        if (end <= 0) {
          end = 0;
          if (!any) {
            return null;
          }
          break;
        }
      }
      if (skipLineFeed) {
        skipLineFeed = false;
        if (buffer[position] == '\n') {
          position++;
          continue;
        }
      }
      any = true;
      int start = position;
      while (position < end && buffer[position] != '\n' && buffer[position] != '\r') {
        position++;
      }
      int run = position - start;
      if (line != null && length + run <= maxChars) {
        try {
          line.append(buffer, start, run);
        } catch (OutOfMemoryError e) {
          line = null; // let it go: the rest of this line is skipped
          outOfMemory = true;
        }
      } else {
        line = null;
      }
      length += run;
      if (position < end) {
        skipLineFeed = buffer[position] == '\r';
        position++;
        break;
      }
    }
    if (line == null) {
      return new Line(null, length, outOfMemory);
    }
    try {
      return new Line(line.toString(), length, false);
    } catch (OutOfMemoryError e) {
      line = null;
      return new Line(null, length, true);
    }
  }
}
