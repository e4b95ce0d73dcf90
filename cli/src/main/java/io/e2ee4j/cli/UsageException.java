package io.e2ee4j.cli;

/**
 * A mistake on the command line: a bad option value, bad hex, an unknown codec or an impossible
 * mix of options. The message names the option or value and never contains secret bytes. Exit
 * code 2.
 */
final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message, null, false, false);
  }
}
