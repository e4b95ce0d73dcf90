package io.e2ee4j.cli;

/** A leaf command: runs once its options are parsed. */
interface CliAction {

  /**
   * Does the command's work.
   *
   * @throws UsageException for a bad value or an impossible mix of options
   */
  Outcome run();
}
