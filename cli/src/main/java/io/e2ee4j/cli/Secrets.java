package io.e2ee4j.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The options that carry secret input ({@code --passphrase}, {@code --material-hex}) and the
 * redaction that keeps their values out of every error message: the messages of this command line
 * never name a secret value, and a message from elsewhere (picocli, the libraries) that would
 * repeat one is replaced by one that names the option only. Not instantiable.
 */
final class Secrets {

  /** The options whose values are secret: key material, as a passphrase or as raw bytes. */
  static final Set<String> OPTIONS = Set.of("--passphrase", "--material-hex");

  private Secrets() {}

  /** How long a secret must be for any occurrence in a message to count (shorter: only a quoted one). */
  private static final int MIN_UNQUOTED_MATCH = 4;

  /**
   * The secret input in {@code args}: the values given to secret options ({@code --opt VALUE} or
   * {@code --opt=VALUE}), and the words right after such a value up to the next word that starts
   * with {@code -} (an unquoted passphrase with spaces, {@code --passphrase my room key}, leaves
   * "room" and "key" as words of their own, which picocli would report as unmatched).
   */
  static List<String> values(String[] args) {
    List<String> values = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      int next = -1;
      for (String option : OPTIONS) {
        if (arg.equals(option) && i + 1 < args.length) {
          values.add(args[i + 1]);
          next = i + 2;
        } else if (arg.startsWith(option + "=")) {
          values.add(arg.substring(option.length() + 1));
          next = i + 1;
        }
      }
      for (int j = next; j >= 0 && j < args.length && !args[j].startsWith("-"); j++) {
        values.add(args[j]);
      }
    }
    values.removeIf(String::isEmpty);
    return values;
  }

  /**
   * The message for a picocli parameter error: picocli's own, unless the error is about a secret
   * option's value in a way this command line did not word itself (then the option's name and
   * "invalid value" only), or the message would repeat a secret value.
   */
  static String message(ParameterException e, List<String> secrets) {
    ArgSpec spec = e.getArgSpec();
    if (spec instanceof OptionSpec option && isSecret(option) && e.getValue() != null
        && !(e.getCause() instanceof TypeConversionException)) {
      return "invalid value for option '" + option.longestName() + "' (not shown: it is secret)";
    }
    String message = redact(e.getMessage(), secrets);
    if (e instanceof UnmatchedArgumentException && !message.equals(e.getMessage())) {
      return "unknown option or unexpected argument (not shown: it would repeat secret input;"
          + " a passphrase with spaces needs quotes)";
    }
    return message;
  }

  /** {@code message}, or if it holds one of {@code secrets}, a message that does not. */
  static String redact(String message, List<String> secrets) {
    if (message == null) {
      return "";
    }
    String lower = message.toLowerCase(Locale.ROOT);
    for (String secret : secrets) {
      String s = secret.toLowerCase(Locale.ROOT);
      // A short secret inside a message's own words ("k" in "--key-index") is chance, not an echo;
      // echoed values are quoted ('VALUE', '--passphrase=VALUE').
      boolean echoed = s.length() >= MIN_UNQUOTED_MATCH ? lower.contains(s)
          : lower.contains("'" + s + "'") || lower.contains("=" + s + "'");
      if (echoed) {
        return "invalid command line (the message is withheld: it would repeat the value of --passphrase or"
            + " --material-hex)";
      }
    }
    return message;
  }

  private static boolean isSecret(OptionSpec option) {
    for (String name : option.names()) {
      if (OPTIONS.contains(name)) {
        return true;
      }
    }
    return false;
  }
}
