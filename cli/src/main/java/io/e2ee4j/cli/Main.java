package io.e2ee4j.cli;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code java -jar e2ee4j.jar ...}: runs {@link Cli} on the process's streams and exits with its
 * code. Not instantiable.
 */
public final class Main {

  private Main() {}

  /**
   * Runs the command line. The libraries' log records (through {@link System.Logger}, by default
   * java.util.logging) are kept off standard error unless severe, so that standard error holds the
   * command's own lines; set the system property {@code e2ee4j.debug} to see them all.
   */
  public static void main(String[] args) {
    if (!Boolean.getBoolean("e2ee4j.debug")) {
      Logger.getLogger("").setLevel(Level.SEVERE);
    }
    System.exit(Cli.run(args, System.in, System.out, System.err));
  }
}
