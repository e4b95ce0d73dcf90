package io.e2ee4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Batch lines beyond the documented limits ({@link BatchInput#MAX_LINE_CHARS} per line,
 * {@link HexBytes#MAX_DIGITS} per hex value) are answered {@code ERROR} on one line, and the batch
 * goes on with the next line. (A line within the limits that still exhausts the heap is answered
 * ERROR too: {@code ShadedJarIT} runs that in a JVM with a small heap.)
 */
class BatchLimitsTest {

  private static final String VALID = "key ratchet --passphrase x --steps 0";

  /** {@code prefix} followed by {@code digits} zeros, as bytes of a batch line (with its newline). */
  private static byte[] hexLine(String prefix, int digits) {
    byte[] start = prefix.getBytes(StandardCharsets.US_ASCII);
    byte[] line = new byte[start.length + digits + 1];
    System.arraycopy(start, 0, line, 0, start.length);
    Arrays.fill(line, start.length, line.length - 1, (byte) '0');
    line[line.length - 1] = '\n';
    return line;
  }

  private static CliRun batch(byte[]... lines) {
    ByteArrayOutputStream in = new ByteArrayOutputStream();
    for (byte[] line : lines) {
      in.writeBytes(line);
    }
    return CliRun.withInput(in.toByteArray(), "-");
  }

  private static byte[] line(String text) {
    return (text + "\n").getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aLineLongerThanTheMaximum_isAnsweredError_andTheNextLineIsAnswered() {
    CliRun run = batch(hexLine("frame inspect ", BatchInput.MAX_LINE_CHARS), line(VALID));
    assertEquals(0, run.exitCode(), run::toString);
    List<String> answers = run.outLines();
    assertEquals(2, answers.size(), run::toString);
    assertEquals("ERROR line 1 is " + (BatchInput.MAX_LINE_CHARS + 14) + " characters long, the most is "
        + BatchInput.MAX_LINE_CHARS + ": skipped", answers.get(0));
    assertEquals("OK 78", answers.get(1));
  }

  @Test
  void aHexValueLongerThanTheMaximum_isAnsweredError_andTheNextLineIsAnswered() {
    CliRun run = batch(hexLine("data inspect ", HexBytes.MAX_DIGITS + 2), line(VALID));
    List<String> answers = run.outLines();
    assertEquals(2, answers.size(), run::toString);
    assertTrue(answers.get(0).startsWith("ERROR ") && answers.get(0).contains("DATAPACKETHEX")
        && answers.get(0).contains("too long"), answers.get(0));
    assertTrue(answers.get(0).length() < 300, answers.get(0));
    assertEquals("OK 78", answers.get(1));
  }

  @Test
  void aLineJustWithinTheMaximum_isRead() {
    // 16 MiB of frame: above the frame cryptor's 8 MiB limit, so a drop, but read and answered.
    CliRun run = batch(hexLine("frame inspect --codec vp8 ", HexBytes.MAX_DIGITS), line(VALID));
    List<String> answers = run.outLines();
    assertEquals(2, answers.size(), run::toString);
    assertTrue(answers.get(0).startsWith("OK frame: 16777216 bytes"), answers.get(0));
    assertEquals("OK 78", answers.get(1));
  }

  @Test
  void aTooLongPassphrase_isAnsweredError_andTheNextLineIsAnswered() {
    CliRun run = CliRun.batch(List.of(
        "key ratchet --passphrase " + "x".repeat(MaterialOptions.MAX_PASSPHRASE_CHARS + 1) + " --steps 0",
        VALID));
    assertEquals(2, run.outLines().size(), run::toString);
    assertTrue(run.outLines().get(0).startsWith("ERROR ") && run.outLines().get(0).contains("too long"),
        run::toString);
    assertEquals("OK 78", run.outLines().get(1));
  }

  @Test
  void crLfAndLoneCrLineEnds_andALastLineWithoutNewline_areEachOneLine() {
    CliRun run = CliRun.withInput(VALID + "\r\n" + VALID + "\r" + VALID + "\n\r\n" + VALID, "-");
    assertEquals(List.of("OK 78", "OK 78", "OK 78", "OK 78"), run.outLines(), run::toString);
  }
}
