package io.e2ee4j.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.e2ee4j.cli.Cli;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fuzzes the command line in-process through its entry point {@link Cli#run}: argument parsing
 * (picocli, enum and number options, the hex of frames, packets, keys and IVs) and, with {@code -},
 * batch mode's line reading and POSIX-style word splitting. Invariants: no exception escapes; the
 * exit code is never 1 (an unexpected failure, i.e. an exception inside); in batch mode every
 * command line gets exactly one answer, {@code OK}, {@code DROPPED} or {@code ERROR}, and never
 * {@code ERROR unexpected failure}; a usage error never echoes the value given for {@code
 * --material-hex} (key material: HexBytes promises never to show it) when that value looks like hex
 * (at least 6 characters, all hex digits to {@link Character#digit}).
 *
 * <p>Work bound: the command line allows up to 1000 key ratchets ({@code --ratchet}, {@code
 * --steps}) and a ratchet window of 255, each step one KDF run (PBKDF2 about 50 ms), by design. So
 * each call stays well under a second, inputs asking for more than {@value #MAX_KDF_STEPS} steps in
 * any of these options, or holding more than {@value #MAX_BATCH_COMMANDS} batch commands, are skipped.
 */
@ExtendWith(ReplayCounter.class)
class CliFuzzTest {

  static final int MAX_KDF_STEPS = 2;
  static final int MAX_BATCH_COMMANDS = 8;
  private static final List<String> KDF_STEP_OPTIONS = List.of("--ratchet", "--steps", "--ratchet-window");

  static {
    // As the CLI's Main does: the libraries' java.util.logging warnings stay out of the log.
    java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.SEVERE);
    // Load (and, when fuzzing, instrument) the classes of each command before the timed inputs:
    // Every command of the seed corpus runs once, so no input pays for loading a command's classes.
    Run.of(new String[] {"-"}, String.join("\n", SeedCorpus.batches()).getBytes(StandardCharsets.UTF_8));
  }

  /** One argument per line of the input (UTF-8). */
  @FuzzTest
  void arguments(byte[] input) {
    if (input.length > FuzzRoom.MAX_INPUT_BYTES) {
      return;
    }
    String text = new String(input, StandardCharsets.UTF_8);
    String[] args = text.isEmpty() ? new String[0] : text.split("\n", -1);
    if (args.length == 1 && args[0].equals("-") || !withinKdfBudget(List.of(args))) {
      return; // batch mode is the other target
    }
    Run run = Run.of(args, new byte[0]);
    if (run.exitCode != Cli.EXIT_OK && run.exitCode != Cli.EXIT_USAGE && run.exitCode != Cli.EXIT_DROPPED) {
      throw new AssertionError("exit " + run.exitCode + " for " + List.of(args) + "\n" + run.err);
    }
    if (run.exitCode == Cli.EXIT_USAGE) {
      for (String material : optionValues(List.of(args), "--material-hex")) {
        if (material.length() >= 6 && material.chars().allMatch(c -> Character.digit(c, 16) >= 0)
            && (run.out + run.err).contains(material)) {
          throw new AssertionError("a usage error shows the key material given to --material-hex: " + run.err);
        }
      }
    }
  }

  /** The values given to {@code option} ({@code option value} or {@code option=value}). */
  static List<String> optionValues(List<String> words, String option) {
    List<String> values = new java.util.ArrayList<>();
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i);
      if (w.equals(option) && i + 1 < words.size()) {
        values.add(words.get(i + 1));
      } else if (w.startsWith(option + "=")) {
        values.add(w.substring(option.length() + 1));
      }
    }
    return values;
  }

  /** The input is standard input of {@code e2ee4j -}. */
  @FuzzTest
  void batchLines(byte[] input) {
    if (input.length > FuzzRoom.MAX_INPUT_BYTES) {
      return;
    }
    List<String> commands = commandLines(input);
    if (commands.size() > MAX_BATCH_COMMANDS
        || !commands.stream().allMatch(line -> withinKdfBudget(List.of(line.split("[\\s'\"=]+"))))) {
      return;
    }
    Run run = Run.of(new String[] {"-"}, input);
    List<String> answers = run.out.lines().toList();
    if (run.exitCode != Cli.EXIT_OK || answers.size() != commands.size()) {
      throw new AssertionError("exit " + run.exitCode + ", " + answers.size() + " answers to " + commands.size()
          + " commands " + commands + "\n" + run.out + run.err);
    }
    for (String answer : answers) {
      boolean known = answer.startsWith("OK") || answer.startsWith("DROPPED ") || answer.startsWith("ERROR ");
      if (!known || answer.startsWith("ERROR unexpected failure")) {
        throw new AssertionError("answer '" + answer + "' to " + commands);
      }
    }
  }

  /** The lines batch mode runs: as it reads them (UTF-8, any line break), without blanks and comments. */
  static List<String> commandLines(byte[] stdin) {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(new ByteArrayInputStream(stdin),
        StandardCharsets.UTF_8))) {
      return r.lines().filter(l -> !l.strip().isEmpty() && !l.strip().startsWith("#")).toList();
    } catch (java.io.IOException | UncheckedIOException e) {
      throw new AssertionError(e);
    }
  }

  /** False if an option that costs one KDF run per step asks for more than {@link #MAX_KDF_STEPS}. */
  static boolean withinKdfBudget(List<String> words) {
    for (String option : KDF_STEP_OPTIONS) {
      if (optionValues(words, option).stream().anyMatch(value -> steps(value) > MAX_KDF_STEPS)) {
        return false;
      }
    }
    return true;
  }

  /** The number picocli would read from {@code value}, or 0 if none (picocli then refuses it). */
  private static long steps(String value) {
    try {
      return Long.decode(value.strip());
    } catch (NumberFormatException e) {
      return value.chars().anyMatch(Character::isDigit) ? Long.MAX_VALUE : 0; // unsure: skip
    }
  }

  /** One in-process run: exit code, standard output and standard error. */
  record Run(int exitCode, String out, String err) {
    static Run of(String[] args, byte[] stdin) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int code;
      try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
          PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
        try {
          code = Cli.run(args, new ByteArrayInputStream(stdin), o, e);
        } catch (RuntimeException | Error x) {
          throw new AssertionError("exception escaped Cli.run for " + List.of(args), x);
        }
      }
      return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
  }
}
