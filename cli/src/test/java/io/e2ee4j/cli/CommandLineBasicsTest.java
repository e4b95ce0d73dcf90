package io.e2ee4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Help, version, unknown commands and options, and the exit codes they give. */
class CommandLineBasicsTest {

  static final List<List<String>> COMMANDS = List.of(
      List.of(), List.of("key"), List.of("key", "derive"), List.of("key", "ratchet"),
      List.of("frame"), List.of("frame", "encrypt"), List.of("frame", "decrypt"), List.of("frame", "inspect"),
      List.of("data"), List.of("data", "encrypt"), List.of("data", "decrypt"), List.of("data", "inspect"));

  @Test
  void everyCommand_hasHelpThatExitsZero() {
    for (List<String> command : COMMANDS) {
      String[] args = java.util.stream.Stream.concat(command.stream(), java.util.stream.Stream.of("--help"))
          .toArray(String[]::new);
      CliRun run = CliRun.of(args);
      assertEquals(0, run.exitCode(), () -> command + ": " + run);
      assertTrue(run.out().startsWith("Usage: e2ee4j"), () -> command + ": " + run);
    }
  }

  @Test
  void exitCodes_are0ForSuccess_2ForUsageErrors_3ForDrops() {
    assertEquals(0, CliRun.of("key", "ratchet", "--passphrase", "p", "--steps", "0").exitCode());
    assertEquals(2, CliRun.of("frame", "decrypt", "--passphrase", "p", "--codec", "theora", "00").exitCode());
    CliRun dropped = CliRun.of("frame", "decrypt", "--passphrase", "p", "--codec", "opus",
        "78" + "00".repeat(28) + "0c00");
    assertEquals(3, dropped.exitCode(), dropped::toString);
    assertTrue(dropped.err().matches("DROPPED [A-Z_]+ .+\\R"), dropped::toString);
  }

  @Test
  void helpCommand_showsASubcommandsHelp() {
    CliRun run = CliRun.of("help", "key");
    assertEquals(0, run.exitCode(), run::toString);
    assertTrue(run.out().contains("derive") && run.out().contains("ratchet"), run::toString);
  }

  @Test
  void version_namesTheProjectVersionAndTheGcmType() {
    CliRun run = CliRun.of("--version");
    assertEquals(0, run.exitCode(), run::toString);
    assertTrue(run.out().matches("(?s)e2ee4j \\d+\\.\\d+\\.\\d+.*"), run::toString);
    assertTrue(run.out().contains("gcm"), run::toString);
  }

  @Test
  void noCommand_isAUsageError() {
    CliRun run = CliRun.of();
    assertEquals(2, run.exitCode(), run::toString);
    assertTrue(run.err().contains("needs a command"), run::toString);
  }

  @Test
  void unknownCommandOrOption_isAUsageErrorNamingIt() {
    CliRun command = CliRun.of("keys");
    assertEquals(2, command.exitCode());
    assertTrue(command.err().contains("keys"), command::toString);
    CliRun option = CliRun.of("key", "derive", "--passphrase", "x", "--iterations", "5");
    assertEquals(2, option.exitCode());
    assertTrue(option.err().contains("--iterations"), option::toString);
  }

  @Test
  void atFiles_areNotExpanded_soAPassphraseMayStartWithAt() {
    CliRun run = CliRun.of("key", "ratchet", "--passphrase", "@nonexistent", "--steps", "0");
    assertEquals(0, run.exitCode(), run::toString);
    assertEquals("406e6f6e6578697374656e74", run.stdout());
  }
}
