package io.e2ee4j.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one batch line into words the way a POSIX shell does, without expansions: blanks separate
 * words; {@code '...'} keeps everything literally; {@code "..."} keeps everything but lets a
 * backslash escape {@code \ " $ `}; outside quotes a backslash keeps the next character. Quoted
 * and unquoted parts next to each other make one word, and {@code ''} is an empty word.
 */
final class ShellWords {

  private ShellWords() {}

  /**
   * The words of {@code line}.
   *
   * @throws UsageException for an unterminated quote or a trailing backslash
   */
  static List<String> split(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    int i = 0;
    int n = line.length();
    while (i < n) {
      char c = line.charAt(i);
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
        i++;
      } else if (c == '\'') {
        int end = line.indexOf('\'', i + 1);
        if (end < 0) {
          throw new UsageException("unterminated single quote starting at column " + (i + 1));
        }
        word.append(line, i + 1, end);
        inWord = true;
        i = end + 1;
      } else if (c == '"') {
        int j = i + 1;
        while (true) {
          if (j >= n) {
            throw new UsageException("unterminated double quote starting at column " + (i + 1));
          }
          char d = line.charAt(j);
          if (d == '"') {
            break;
          }
          if (d == '\\' && j + 1 < n && "\\\"$`".indexOf(line.charAt(j + 1)) >= 0) {
            word.append(line.charAt(j + 1));
            j += 2;
          } else {
            word.append(d);
            j++;
          }
        }
        inWord = true;
        i = j + 1;
      } else if (c == '\\') {
        if (i + 1 >= n) {
          throw new UsageException("backslash at the end of the line");
        }
        word.append(line.charAt(i + 1));
        inWord = true;
        i += 2;
      } else {
        word.append(c);
        inWord = true;
        i++;
      }
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }
}
