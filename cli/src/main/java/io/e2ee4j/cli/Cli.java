package io.e2ee4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The command line's entry point, callable from tests: {@link #run} takes the arguments and the
 * three streams and returns the exit code.
 *
 * <ul>
 *   <li>0: success; the result on standard output.
 *   <li>2: a usage error (bad option or value, bad hex, unknown codec, impossible mix); the message
 *       names it, on standard error.
 *   <li>3: the frame or packet was dropped or did not decrypt; {@code DROPPED <REASON> <detail>} on
 *       standard error.
 *   <li>1: an unexpected failure (a bug); one line on standard error, no stack trace unless the
 *       system property {@code e2ee4j.debug} is set.
 * </ul>
 *
 * <p>Batch mode ({@code -} as the only argument) reads one command per line from standard input,
 * split like a POSIX shell would, and writes exactly one line per command: {@code OK <result>},
 * {@code DROPPED <REASON> <detail>} or {@code ERROR <message>}. Blank lines and lines starting
 * with {@code #} are skipped. It exits 0 once standard input ends, whatever the lines said.
 *
 * <p>A batch line may be at most {@link BatchInput#MAX_LINE_CHARS} characters long and a hex value
 * at most {@link HexBytes#MAX_DIGITS} digits (16 MiB); a longer line is answered {@code ERROR}
 * unread, and a line that runs out of memory all the same is answered {@code ERROR} too; either
 * way the batch goes on.
 *
 * <p>Printing: text a peer chose (a participant identity, a sid, anything decoded from a frame or
 * packet) is printed with control characters, line and paragraph separators and backslashes
 * escaped ({@code \n}, {@code \x1b}, {@code \\u2028}, {@code \\}: see {@link PeerText}), and every
 * printed line passes {@link PeerText#line}: one batch answer is always one line, and no
 * control sequence reaches a terminal.
 *
 * <p>Secrets: only {@code key derive} and {@code key ratchet} print key bytes; error messages
 * never echo hex values (they may be key material) nor the value of a secret option ({@code
 * --passphrase}, {@code --material-hex}: see {@link Secrets}). Repeated derivations are served from
 * a small in-memory cache of this process ({@link DerivationCache}).
 *
 * <p>Thread safety: {@link #run} builds a fresh command tree per call and may be called from
 * several threads at once.
 */
public final class Cli {

  /** Success. */
  public static final int EXIT_OK = 0;
  /** An unexpected failure. */
  public static final int EXIT_FAILURE = 1;
  /** A usage error. */
  public static final int EXIT_USAGE = 2;
  /** A dropped frame or packet, or one that did not decrypt. */
  public static final int EXIT_DROPPED = 3;

  private Cli() {}

  @Command(name = "e2ee4j", mixinStandardHelpOptions = true, versionProvider = Version.class,
      synopsisSubcommandLabel = "COMMAND",
      description = {
        "End-to-end encryption of WebRTC media frames and data packets, byte-exact",
        "with LiveKit: inspect, decrypt and encrypt captured frames and packets,",
        "derive and ratchet keys. Byte strings are hex (either case in, lower out)."
      },
      footerHeading = "%n",
      footer = {
        "Batch mode: 'e2ee4j -' reads one command per line from standard input,",
        "  quoted as in a POSIX shell, and prints one line per command:",
        "  OK <result>, DROPPED <REASON> <detail> or ERROR <message>. A line may",
        "  be " + BatchInput.MAX_LINE_CHARS + " characters long (hex values: 16 MiB); text a peer chose",
        "  (identities, ...) is printed with \\n, \\x1b, \\u2028, \\\\ escapes.",
        "Exit codes: 0 success; 2 usage error; 3 dropped or did not decrypt, with",
        "  DROPPED <REASON> <detail> on standard error; 1 unexpected failure.",
        "Run 'e2ee4j COMMAND --help' for a command's options."
      })
  static final class Root {}

  /** Runs one command line (or, for {@code -}, a batch) and returns the exit code. */
  public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
    if (args.length == 1 && args[0].equals("-")) {
      return runBatch(in, out, err);
    }
    return runSingle(args, out, err);
  }

  private static int runSingle(String[] args, PrintStream out, PrintStream err) {
    PrintWriter outWriter = new PrintWriter(out, true);
    CommandLine cl = commandLine(outWriter, new PrintWriter(err, true));
    String command = "e2ee4j";
    List<String> secrets = Secrets.values(args);
    try {
      ParseResult parsed = cl.parseArgs(args);
      command = leaf(parsed).commandSpec().qualifiedName();
      Integer helpExit = CommandLine.executeHelpRequest(parsed);
      if (helpExit != null) {
        outWriter.flush();
        return helpExit;
      }
      Outcome outcome = runLeaf(parsed);
      for (String line : outcome.lines()) {
        out.println(PeerText.line(line));
      }
      for (String note : outcome.notes()) {
        err.println(PeerText.line("note: " + note));
      }
      if (outcome.isDropped()) {
        err.println(PeerText.line("DROPPED " + outcome.dropReason() + " " + outcome.dropDetail()));
        return EXIT_DROPPED;
      }
      return EXIT_OK;
    } catch (ParameterException e) {
      err.println(PeerText.line("e2ee4j: " + Secrets.message(e, secrets)));
      err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
      return EXIT_USAGE;
    } catch (UsageException e) {
      err.println(PeerText.line("e2ee4j: " + Secrets.redact(e.getMessage(), secrets)));
      err.println("Try '" + command + " --help'.");
      return EXIT_USAGE;
    } catch (RuntimeException | ServiceConfigurationError | OutOfMemoryError | StackOverflowError e) {
      err.println(PeerText.line("e2ee4j: " + (e instanceof OutOfMemoryError ? "out of memory"
          : "unexpected failure: " + Secrets.redact(String.valueOf(e), secrets))));
      if (Boolean.getBoolean("e2ee4j.debug") && !(e instanceof OutOfMemoryError)) {
        e.printStackTrace(err);
      }
      return EXIT_FAILURE;
    } finally {
      out.flush();
      err.flush();
    }
  }

  private static int runBatch(InputStream in, PrintStream out, PrintStream err) {
    BatchInput reader = new BatchInput(new InputStreamReader(in, StandardCharsets.UTF_8));
    int lineNumber = 0;
    try {
      for (BatchInput.Line line = reader.next(); line != null; line = reader.next()) {
        lineNumber++;
        String answer;
        if (line.dropped()) {
          answer = line.outOfMemory()
              ? "ERROR out of memory reading line " + lineNumber + " (" + line.length() + " characters): skipped"
              : "ERROR line " + lineNumber + " is " + line.length() + " characters long, the most is "
                  + BatchInput.MAX_LINE_CHARS + ": skipped";
        } else {
          String trimmed = line.text().strip();
          if (trimmed.isEmpty() || trimmed.startsWith("#")) {
            continue;
          }
          answer = guardedBatchLine(line.text(), lineNumber, err);
        }
        line = null; // the line's text may be large: not kept while the answer is printed
        out.println(answer);
        out.flush();
      }
    } catch (IOException e) {
      err.println(PeerText.line("e2ee4j: cannot read standard input: " + e.getMessage()));
      return EXIT_FAILURE;
    }
    return EXIT_OK;
  }

  /**
   * {@link #batchLine} as one printable line, and {@code ERROR} if it ran out of memory (or stack):
   * the last resort for a line that is within the limits and still too much; its garbage is
   * unreachable once this returns, so the next line has the memory back.
   */
  static String guardedBatchLine(String line, int lineNumber, PrintStream err) {
    try {
      return PeerText.line(batchLine(line, lineNumber, err));
    } catch (OutOfMemoryError e) {
      return "ERROR out of memory on line " + lineNumber + ": skipped";
    } catch (StackOverflowError e) {
      return "ERROR stack overflow on line " + lineNumber + ": skipped";
    }
  }

  /** The one output line for one batch line (before {@link PeerText#line}). */
  static String batchLine(String line, int lineNumber, PrintStream err) {
    StringWriter captured = new StringWriter();
    PrintWriter capture = new PrintWriter(captured, true);
    List<String> secrets = List.of();
    try {
      List<String> words = ShellWords.split(line);
      secrets = Secrets.values(words.toArray(String[]::new));
      if (words.equals(List.of("-"))) {
        throw new UsageException("batch mode cannot be nested");
      }
      CommandLine cl = commandLine(capture, capture);
      // Help goes into one answer line: no ANSI styles, whatever the terminal.
      cl.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
      ParseResult parsed = cl.parseArgs(words.toArray(String[]::new));
      Integer helpExit = CommandLine.executeHelpRequest(parsed);
      if (helpExit != null) {
        capture.flush();
        return "OK " + oneLine(captured.toString());
      }
      Outcome outcome = runLeaf(parsed);
      for (String note : outcome.notes()) {
        err.println(PeerText.line("note (line " + lineNumber + "): " + note));
      }
      if (outcome.isDropped()) {
        String description = outcome.lines().isEmpty() ? "" : "; " + String.join("; ", outcome.lines());
        return "DROPPED " + outcome.dropReason() + " " + outcome.dropDetail() + description;
      }
      return "OK " + String.join("; ", outcome.lines());
    } catch (ParameterException e) {
      return "ERROR " + oneLine(Secrets.message(e, secrets));
    } catch (UsageException e) {
      return "ERROR " + oneLine(Secrets.redact(e.getMessage(), secrets));
    } catch (RuntimeException | ServiceConfigurationError e) {
      return "ERROR unexpected failure: " + oneLine(Secrets.redact(String.valueOf(e), secrets));
    }
  }

  private static String oneLine(String text) {
    return text.lines().map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.joining(" | "));
  }

  private static ParseResult leaf(ParseResult parsed) {
    ParseResult leaf = parsed;
    while (leaf.subcommand() != null) {
      leaf = leaf.subcommand();
    }
    return leaf;
  }

  private static Outcome runLeaf(ParseResult parsed) {
    ParseResult leaf = leaf(parsed);
    Object command = leaf.commandSpec().userObject();
    if (command instanceof CliAction action) {
      return action.run();
    }
    String name = leaf.commandSpec().qualifiedName();
    throw new UsageException("'" + name + "' needs a command: "
        + String.join(", ", leaf.commandSpec().subcommands().keySet()));
  }

  /** A fresh command tree (picocli keeps option values in the command objects: one tree per run). */
  static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(new Root());
    cl.addSubcommand(new CommandLine(new KeyCommands.Group())
        .addSubcommand(new KeyCommands.Derive())
        .addSubcommand(new KeyCommands.Ratchet()));
    cl.addSubcommand(new CommandLine(new FrameCommands.Group())
        .addSubcommand(new FrameCommands.Encrypt())
        .addSubcommand(new FrameCommands.Decrypt())
        .addSubcommand(new FrameCommands.Inspect()));
    cl.addSubcommand(new CommandLine(new DataCommands.Group())
        .addSubcommand(new DataCommands.Encrypt())
        .addSubcommand(new DataCommands.Decrypt())
        .addSubcommand(new DataCommands.Inspect()));
    cl.addSubcommand("help", new CommandLine.HelpCommand());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setExpandAtFiles(false);
    cl.registerConverter(HexBytes.class, HexBytes::parse);
    cl.setOut(out);
    cl.setErr(err);
    return cl;
  }
}
