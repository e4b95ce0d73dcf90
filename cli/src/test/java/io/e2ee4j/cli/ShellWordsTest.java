package io.e2ee4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShellWordsTest {

  @Test
  void blanksSeparateWords_andRunsOfBlanksCountOnce() {
    assertEquals(List.of("key", "derive", "--passphrase", "x"), ShellWords.split("  key\tderive  --passphrase x "));
  }

  @Test
  void singleQuotesKeepEverythingLiterally() {
    assertEquals(List.of("--passphrase", "a \"b\" \\c $d"), ShellWords.split("--passphrase 'a \"b\" \\c $d'"));
  }

  @Test
  void doubleQuotesLetBackslashEscapeOnlyTheShellSpecials() {
    assertEquals(List.of("say \"hi\" \\n $x"), ShellWords.split("\"say \\\"hi\\\" \\n \\$x\""));
  }

  @Test
  void backslashOutsideQuotesKeepsTheNextCharacter() {
    assertEquals(List.of("two words"), ShellWords.split("two\\ words"));
  }

  @Test
  void adjacentPartsMakeOneWord_andEmptyQuotesMakeAnEmptyWord() {
    assertEquals(List.of("abc d", ""), ShellWords.split("a'b'\"c d\" ''"));
  }

  @Test
  void unterminatedQuotes_andTrailingBackslash_areUsageErrors() {
    assertThrows(UsageException.class, () -> ShellWords.split("--passphrase 'open"));
    assertThrows(UsageException.class, () -> ShellWords.split("--passphrase \"open"));
    assertThrows(UsageException.class, () -> ShellWords.split("end\\"));
  }
}
