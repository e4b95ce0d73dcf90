package io.e2ee4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class KeyDemoTest {

  @Test
  void demo_sealsAndOpens_inProcess() throws Exception {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    String opened = KeyDemo.run(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    assertEquals("hello from e2ee4j", opened);
    assertTrue(buffer.toString(StandardCharsets.UTF_8).contains("[gcm]"));
  }

  /**
   * Launches the demo as a user would on the module path ({@code java -p ... -m ...}), which
   * Surefire's own launch does not show: a missing {@code uses}, {@code provides} or {@code opens}
   * breaks here.
   */
  @Test
  void demo_findsGcm_onTheModulePath() throws Exception {
    Path listed = Paths.get("target", "runtime-module-path.txt");
    assertTrue(Files.exists(listed), "run through Maven: " + listed + " is written by maven-dependency-plugin");
    String modulePath = Paths.get("target", "classes").toAbsolutePath() + File.pathSeparator
        + Files.readString(listed).trim();
    List<String> command = new ArrayList<>(List.of(
        Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dguice_custom_class_loading=CHILD",
        "--module-path", modulePath,
        "--module", "io.e2ee4j.examples/io.e2ee4j.examples.KeyDemo"));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "demo did not finish in 60 s");
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, process.exitValue(), output);
    assertTrue(output.contains("encryption types found by ServiceLoader: [gcm"), output);
    assertTrue(output.contains("opened: \"hello from e2ee4j\""), output);
  }
}
