package io.e2ee4j.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One run of the command line through {@link Cli#run}, with standard input given and standard
 * output and error captured.
 *
 * @param exitCode what the process would exit with
 * @param out standard output
 * @param err standard error
 */
record CliRun(int exitCode, String out, String err) {

  static {
    // As Main does for the real process: the libraries' warnings (such as the insecure-IV one)
    // stay out of the test log; the CLI reports in its own lines.
    java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.SEVERE);
  }

  /** Runs {@code args} with empty standard input. */
  static CliRun of(String... args) {
    return withInput("", args);
  }

  /** Runs {@code args} with {@code stdin} as standard input. */
  static CliRun withInput(String stdin, String... args) {
    return withInput(stdin.getBytes(StandardCharsets.UTF_8), args);
  }

  /** Runs {@code args} with {@code stdin} (bytes, for input too large to hold twice) as standard input. */
  static CliRun withInput(byte[] stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = Cli.run(args, new ByteArrayInputStream(stdin), o, e);
    }
    return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Runs batch mode ({@code -}) on {@code lines}. */
  static CliRun batch(List<String> lines) {
    return withInput(String.join("\n", lines) + "\n", "-");
  }

  /** Standard output without its final line break. */
  String stdout() {
    return out.strip();
  }

  /** Standard output as lines. */
  List<String> outLines() {
    return out.lines().toList();
  }

  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
  }
}
