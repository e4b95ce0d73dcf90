package io.e2ee4j.cli;

import static io.e2ee4j.api.KeyDerivation.HKDF;
import static io.e2ee4j.api.KeyDerivation.PBKDF2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.e2ee4j.testing.Hex;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code e2ee4j -}: one command per line, one answer per command, going on after failures. */
class BatchModeTest {

  @Test
  void mixedGoodAndBadLines_answerOneLineEach_inOrder() {
    CliRun run = CliRun.batch(List.of(
        "key derive --passphrase 'a passphrase'",
        "key derive --material-hex nothex",
        "key ratchet --passphrase \"it's\" --steps 2",
        "no such command",
        "key derive --passphrase \"a passphrase\" --key-size 512",
        "key ratchet --passphrase 'unterminated",
        "key derive --material-hex 000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F"));
    assertEquals(0, run.exitCode(), run::toString);
    List<String> lines = run.outLines();
    assertEquals(7, lines.size(), run::toString);
    assertEquals("OK " + Lib.key(Lib.utf8("a passphrase"), PBKDF2, Lib.DEFAULT_SALT, 0, 16), lines.get(0));
    assertTrue(lines.get(1).startsWith("ERROR ") && lines.get(1).contains("--material-hex"), lines.get(1));
    assertEquals("OK " + Lib.material(Lib.utf8("it's"), PBKDF2, Lib.DEFAULT_SALT, 2), lines.get(2));
    assertTrue(lines.get(3).startsWith("ERROR ") && lines.get(3).contains("no"), lines.get(3));
    assertTrue(lines.get(4).startsWith("ERROR --key-size must be 128 or 256"), lines.get(4));
    assertTrue(lines.get(5).startsWith("ERROR unterminated single quote"), lines.get(5));
    assertEquals("OK " + Lib.key(Hex.decode("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"), HKDF,
        Lib.DEFAULT_SALT, 0, 16), lines.get(6));
  }

  @Test
  void frameAndDataLines_answerOkDroppedOrError_andTheBatchGoesOn() {
    String sealed = CliRun.of("frame", "encrypt", "--passphrase", "room key", "--codec", "opus", "--ssrc", "7",
        "--timestamp", "960", "78aabbccdd").stdout();
    CliRun run = CliRun.batch(List.of(
        "frame decrypt --passphrase 'room key' --codec opus " + sealed,
        "frame decrypt --passphrase 'wrong key' --codec opus " + sealed,
        "frame decrypt --passphrase 'room key' --codec mp3 " + sealed,
        "frame decrypt --passphrase 'room key' --key-index 1 --codec opus " + sealed,
        "frame encrypt --passphrase 'room key' --codec av1 --ssrc 1 --timestamp 1 00112233",
        "data decrypt --passphrase 'room key' --payload 1a00",
        "frame decrypt --passphrase \"room key\" --codec OPUS " + sealed.toUpperCase()));
    List<String> lines = run.outLines();
    assertEquals(7, lines.size(), run::toString);
    assertEquals("OK 78aabbccdd", lines.get(0));
    assertTrue(lines.get(1).startsWith("DROPPED DECRYPTION_FAILED authentication failed"), lines.get(1));
    assertTrue(lines.get(2).startsWith("ERROR ") && lines.get(2).contains("--codec"), lines.get(2));
    assertTrue(lines.get(3).startsWith("DROPPED MISSING_KEY missing key at index 0"), lines.get(3));
    assertTrue(lines.get(4).startsWith("DROPPED UNSUPPORTED_CODEC "), lines.get(4));
    assertTrue(lines.get(5).startsWith("DROPPED PLAINTEXT_NOT_ALLOWED"), lines.get(5));
    assertEquals("OK 78aabbccdd", lines.get(6));
  }

  @Test
  void notesGoToStandardError_neverBetweenTheAnswers() {
    CliRun run = CliRun.batch(List.of(
        "frame encrypt --passphrase k --codec opus --ssrc 1 --timestamp 2 ''",
        "key ratchet --passphrase k --steps 0"));
    assertEquals(List.of("OK ", "OK 6b"), run.outLines(), run::toString);
    assertTrue(run.err().contains("note (line 1): empty frame"), run::toString);
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
