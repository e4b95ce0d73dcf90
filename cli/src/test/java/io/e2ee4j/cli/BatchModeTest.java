package io.e2ee4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code e2ee4j -}: one command per line, one answer per command, going on after failures. */
class BatchModeTest {

  @Test
  void mixedGoodAndBadLines_answerOneLineEach_inOrder() {
    CliRun run = CliRun.batch(List.of(
        "key derive --passphrase livekit-e2ee-interop-passphrase",
        "key derive --material-hex nothex",
        "key ratchet --passphrase 'ratchet-me' --steps 2",
        "no such command",
        "key derive --passphrase \"livekit-e2ee-interop-passphrase\" --key-size 512",
        "key ratchet --passphrase 'unterminated",
        "key derive --material-hex 000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F"));
    assertEquals(0, run.exitCode(), run::toString);
    List<String> lines = run.outLines();
    assertEquals(7, lines.size(), run::toString);
    assertEquals("OK df17b9c09b0d44a72da37944be02359e", lines.get(0));
    assertTrue(lines.get(1).startsWith("ERROR ") && lines.get(1).contains("--material-hex"), lines.get(1));
    assertEquals("OK 09a82702a5c2b5e29826a06e5022fbd17eb98f6b4cf1863d6e1232e014911a6e", lines.get(2));
    assertTrue(lines.get(3).startsWith("ERROR ") && lines.get(3).contains("no"), lines.get(3));
    assertTrue(lines.get(4).startsWith("ERROR --key-size must be 128 or 256"), lines.get(4));
    assertTrue(lines.get(5).startsWith("ERROR unterminated single quote"), lines.get(5));
    assertEquals("OK 6d0dd7b3d6f4efde47ab9a9e15abde76", lines.get(6));
  }

  @Test
  void blankAndCommentLines_areSkipped() {
    CliRun run = CliRun.batch(List.of("", "# a comment", "   ", "key ratchet --passphrase x --steps 0"));
    assertEquals(List.of("OK 78"), run.outLines(), run::toString);
  }

  @Test
  void helpAndVersion_answerOnOneLine() {
    CliRun run = CliRun.batch(List.of("--version", "key derive --help"));
    List<String> lines = run.outLines();
    assertEquals(2, lines.size(), run::toString);
    assertTrue(lines.get(0).startsWith("OK e2ee4j "), lines.get(0));
    assertTrue(lines.get(1).startsWith("OK Usage: e2ee4j key derive"), lines.get(1));
  }

  @Test
  void nestedBatch_isAnErrorLine() {
    assertEquals(List.of("ERROR batch mode cannot be nested"), CliRun.batch(List.of("-")).outLines());
  }

  @Test
  void emptyInput_printsNothing_andExitsZero() {
    CliRun run = CliRun.withInput("", "-");
    assertEquals(0, run.exitCode());
    assertEquals("", run.out());
  }
}
