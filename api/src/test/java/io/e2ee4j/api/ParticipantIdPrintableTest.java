package io.e2ee4j.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** An identity a peer chose prints as one line that shows what it holds. */
class ParticipantIdPrintableTest {

  @Test
  void aForgedAnswerLine_staysOnTheLineItIsPrintedOn() {
    ParticipantId forged = ParticipantId.of("alice\nOK 48656c6c6f\r\u2028\u0085");
    assertEquals("alice\\nOK 48656c6c6f\\r\\u2028\\x85", forged.toString());
  }

  @Test
  void controls_backslashes_bidiOverrides_andLoneSurrogates_areEscaped() {
    assertEquals("a\\x1b[31mb\\\\c", ParticipantId.printable("a\u001b[31mb\\c"));
    assertEquals("\\u202eevil\\u2066", ParticipantId.printable("\u202eevil\u2066"));
    assertEquals("x\\ud800y", ParticipantId.printable("x\ud800y"));
  }

  @Test
  void plainText_andPairedSurrogates_comeBackUnchanged() {
    String plain = "Bob Smith \u00e9\ud83d\ude00";
    assertSame(plain, ParticipantId.printable(plain));
  }

  @Test
  void longText_isCutWithItsLength_neverInsideAPair() {
    String text = "a".repeat(255) + "\ud83d\ude00" + "b".repeat(100);
    String shown = ParticipantId.printable(text);
    assertEquals("a".repeat(255) + "...(" + text.length() + " chars)", shown);
    assertFalse(shown.contains("\ud83d"));
    assertTrue(ParticipantId.printable("x".repeat(2000), 1024).endsWith("...(2000 chars)"));
    assertThrows(IllegalArgumentException.class, () -> ParticipantId.printable("x", 0));
  }
}
