package io.e2ee4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * No error message repeats secret input ({@code --passphrase}, {@code --material-hex}), however
 * the value is wrong and whichever command it is given to, in single and batch mode.
 */
class SecretInputErrorsTest {

  private static final String KEY = "00112233445566778899aabbccddeeff";

  /** Bad key material and what the error must say. */
  private record Bad(String hex, String says) {}

  private static final List<Bad> BAD_MATERIAL = List.of(
      new Bad(KEY.substring(0, 6) + "\u0663" + KEY.substring(7), "not hex at position 7"), // Arabic-Indic three
      new Bad(KEY.substring(0, 6) + "\u06f3" + KEY.substring(7), "not hex at position 7"), // extended Arabic-Indic
      new Bad(KEY.substring(0, 6) + "\uff13" + KEY.substring(7), "not hex at position 7"), // fullwidth three
      new Bad(KEY.substring(0, 6) + "\u0967" + KEY.substring(7), "not hex at position 7"), // Devanagari one
      new Bad(KEY.substring(0, 6) + "\uff41" + KEY.substring(7), "not hex at position 7"), // fullwidth a
      new Bad(KEY.substring(0, 6) + "g" + KEY.substring(7), "not hex at position 7"),
      new Bad(KEY.substring(0, 6) + " " + KEY.substring(7), "not hex at position 7"),
      new Bad(KEY.substring(1), "odd number of digits"),
      new Bad("0x" + KEY, "not hex at position 2"));

  private static final List<List<String>> COMMANDS = List.of(
      List.of("key", "derive"),
      List.of("key", "ratchet"),
      List.of("frame", "decrypt", "--codec", "opus", "78"),
      List.of("frame", "encrypt", "--ssrc", "1", "--timestamp", "2", "78"),
      List.of("frame", "inspect", "78"),
      List.of("data", "decrypt", "1a00"),
      List.of("data", "encrypt", "1a00"),
      List.of("data", "inspect", "1a00"));

  private static String[] args(List<String> command, String... more) {
    List<String> args = new ArrayList<>(command);
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  /** Whether {@code text} shows the secret, or a long enough part of it (its tail past the bad digit). */
  private static void assertNotShown(String secret, String text) {
    assertFalse(text.contains(secret), () -> "the secret is shown: " + text);
    assertFalse(text.contains(KEY.substring(7)), () -> "part of the secret is shown: " + text);
    assertFalse(text.contains(KEY.substring(0, 6)), () -> "part of the secret is shown: " + text);
  }

  @Test
  void badMaterialHex_givesAnErrorNamingOptionAndPosition_neverTheValue_inSingleMode() {
    for (List<String> command : COMMANDS) {
      for (Bad bad : BAD_MATERIAL) {
        for (String[] args : List.of(args(command, "--material-hex", bad.hex()),
            args(command, "--material-hex=" + bad.hex()))) {
          CliRun run = CliRun.of(args);
          assertEquals(Cli.EXIT_USAGE, run.exitCode(), run::toString);
          assertTrue(run.err().contains("--material-hex") && run.err().contains(bad.says()), run::toString);
          assertNotShown(bad.hex(), run.out() + run.err());
        }
      }
    }
  }

  @Test
  void badMaterialHex_givesAnErrorLineWithoutTheValue_inBatchMode() {
    List<String> lines = new ArrayList<>();
    for (List<String> command : COMMANDS) {
      for (Bad bad : BAD_MATERIAL) {
        lines.add(String.join(" ", command) + " --material-hex '" + bad.hex() + "'");
      }
    }
    CliRun run = CliRun.batch(lines);
    List<String> answers = run.outLines();
    assertEquals(lines.size(), answers.size(), run::toString);
    for (int i = 0; i < answers.size(); i++) {
      Bad bad = BAD_MATERIAL.get(i % BAD_MATERIAL.size());
      String answer = answers.get(i);
      assertTrue(answer.startsWith("ERROR ") && answer.contains("--material-hex") && answer.contains(bad.says()),
          answer);
      assertNotShown(bad.hex(), answer);
    }
    assertNotShown(BAD_MATERIAL.get(0).hex(), run.err());
  }

  @Test
  void tooLongPassphraseOrMaterial_isAnErrorWithoutTheValue() {
    String passphrase = "correct horse battery staple ".repeat(3000);
    CliRun longPassphrase = CliRun.of("key", "derive", "--passphrase", passphrase);
    assertEquals(Cli.EXIT_USAGE, longPassphrase.exitCode(), longPassphrase::toString);
    assertTrue(longPassphrase.err().contains("--passphrase") && longPassphrase.err().contains("too long"),
        longPassphrase::toString);
    assertFalse(longPassphrase.err().contains("horse"), longPassphrase::toString);

    String material = "ab".repeat(HexBytes.MAX_BYTES + 1);
    CliRun longMaterial = CliRun.of("key", "derive", "--material-hex", material);
    assertEquals(Cli.EXIT_USAGE, longMaterial.exitCode(), longMaterial::toString);
    assertTrue(longMaterial.err().contains("--material-hex") && longMaterial.err().contains("too long"),
        longMaterial::toString);
    assertFalse(longMaterial.err().contains("abab"), longMaterial::toString);
  }

  @Test
  void picocliErrorsAboutArgumentsNearASecret_neverRepeatIt() {
    List<String[]> runs = List.of(
        // a passphrase with spaces, unquoted: picocli would list the rest as unmatched arguments
        new String[] {"key", "derive", "--passphrase", "my", "secretroom", "zebrawords"},
        // a group command has no --passphrase: picocli would echo "--passphrase=..." as unknown
        new String[] {"frame", "--passphrase=hunter2hunter2"},
        new String[] {"frame", "--material-hex=" + KEY},
        // an unknown command with key material after it
        new String[] {"key", "derivee", "--material-hex", KEY},
        // a passphrase that looks like an option
        new String[] {"key", "derive", "--passphrase", "--kdf"},
        // a secret that is short: only quoted echoes count, and there are none
        new String[] {"key", "derive", "--passphrase=pw", "--nope"});
    List<String> batch = new ArrayList<>();
    for (String[] args : runs) {
      CliRun run = CliRun.of(args);
      assertEquals(Cli.EXIT_USAGE, run.exitCode(), run::toString);
      for (String secret : Secrets.values(args)) {
        assertFalse(run.err().contains("'" + secret + "'") || run.err().contains("=" + secret)
            || (secret.length() >= 4 && run.err().contains(secret)), () -> secret + " is shown: " + run);
      }
      batch.add(String.join(" ", args));
    }
    CliRun run = CliRun.batch(batch);
    assertEquals(runs.size(), run.outLines().size(), run::toString);
    for (String answer : run.outLines()) {
      assertTrue(answer.startsWith("ERROR "), answer);
      for (String secret : List.of("secretroom", "zebrawords", "hunter2", KEY)) {
        assertFalse(answer.contains(secret), answer);
      }
    }
  }
}
