package io.e2ee4j.cli;

/** {@code java -jar e2ee4j.jar ...}: runs {@link Cli} on the process's streams and exits with its code. */
public final class Main {

  private Main() {}

  /** Runs the command line. */
  public static void main(String[] args) {
    System.exit(Cli.run(args, System.in, System.out, System.err));
  }
}
