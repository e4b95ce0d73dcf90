package io.e2ee4j.core.guice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Starts a real {@code java -p ... -m} process whose main module creates the manager through
 * Guice. Surefire runs tests from a class-path booter, where Guice reaches into modules through
 * {@code sun.misc.Unsafe} and a missing {@code opens io.e2ee4j.core.guice to com.google.guice} goes
 * unnoticed; a module-path launch is what production does.
 *
 * <p>The launched module is compiled here from source, as an application module would be: it
 * {@code requires io.e2ee4j.core} and {@code com.google.guice}. A second run is the control: the
 * same launch fails for a Guice module in a package that is not opened, so the first run passing
 * means the opens is right, not that the launch cannot see the problem.
 */
class E2eeModuleLaunchTest {

  private static final Path WORK = Path.of("target", "launch-test");
  private static final String MODULE = "io.e2ee4j.launchcheck";

  private static final String MODULE_INFO = """
      module io.e2ee4j.launchcheck {
        requires io.e2ee4j.core;
        requires com.google.guice;
      }
      """;

  private static final String MAIN = """
      package io.e2ee4j.launchcheck;

      import com.google.inject.AbstractModule;
      import com.google.inject.Guice;
      import com.google.inject.Provides;
      import io.e2ee4j.api.CryptoKey;
      import io.e2ee4j.api.KeyMaterial;
      import io.e2ee4j.api.ParticipantId;
      import io.e2ee4j.core.E2eeManager;
      import io.e2ee4j.core.guice.E2eeModule;

      public final class Main {
        public static void main(String[] args) {
          if (args[0].equals("unopened")) {
            Guice.createInjector(new AbstractModule() {
              @Provides
              String name() {
                return "not opened";
              }
            }).getInstance(String.class);
            System.out.println("unopened module worked");
            return;
          }
          E2eeManager manager = Guice.createInjector(new E2eeModule()).getInstance(E2eeManager.class);
          ParticipantId alice = ParticipantId.of("alice");
          manager.keyProvider().setKey(alice, 0, KeyMaterial.fromBytes(new byte[32]));
          CryptoKey key = manager.keyProvider().keyHandler(alice).keyOrNull(0);
          boolean ok = key != null && manager.ownsKeyProvider()
              && manager.frameEncryptionType().supportsKeyLength(key.lengthBytes());
          System.out.println("module " + E2eeModule.class.getModule().getName()
              + " frames=" + manager.frameEncryptionTypeId() + " data=" + manager.dataEncryptionTypeId()
              + " types=" + manager.encryptionTypes().ids() + " keyReady=" + ok);
          manager.close();
          System.exit(ok ? 0 : 1);
        }
      }
      """;

  private static String modulePath;

  @BeforeAll
  static void compileLaunchModule() throws Exception {
    Path list = WORK.resolve("module-path.txt");
    assertTrue(Files.isRegularFile(list),
        list + " is missing: maven-dependency-plugin writes it (run through Maven: mvn -pl core test)");
    String deps = Files.readString(list, StandardCharsets.UTF_8).trim();
    String core = Path.of("target", "classes").toAbsolutePath().toString();
    String base = core + File.pathSeparator + deps;

    Path src = WORK.resolve("src");
    Path pkg = src.resolve("io/e2ee4j/launchcheck");
    Files.createDirectories(pkg);
    Files.writeString(src.resolve("module-info.java"), MODULE_INFO, StandardCharsets.UTF_8);
    Files.writeString(pkg.resolve("Main.java"), MAIN, StandardCharsets.UTF_8);
    Path classes = WORK.resolve("classes");
    Files.createDirectories(classes);

    Result javac = run(List.of(tool("javac"), "--release", "17", "-d", classes.toString(),
        "--module-path", base, src.resolve("module-info.java").toString(), pkg.resolve("Main.java").toString()));
    assertEquals(0, javac.exit, () -> "javac failed:\n" + javac.output);
    modulePath = base + File.pathSeparator + classes.toAbsolutePath();
  }

  @Test
  void moduleLaunch_managerFromGuice_findsGcmAndHoldsKeys() throws Exception {
    Result r = launch("manager");
    assertEquals(0, r.exit, () -> "launch failed:\n" + r.output);
    assertTrue(r.output.contains("module io.e2ee4j.core frames=gcm data=gcm types=[gcm] keyReady=true"), r.output);
  }

  @Test
  void moduleLaunch_guiceModuleInPackageNotOpened_failsSoTheLaunchDetectsAMissingOpens() throws Exception {
    Result r = launch("unopened");
    assertNotEquals(0, r.exit, r.output);
    assertTrue(r.output.contains("does not \"opens io.e2ee4j.launchcheck\" to module com.google.guice"), r.output);
  }

  private static Result launch(String mode) throws Exception {
    return run(List.of(tool("java"), "-Dguice_custom_class_loading=CHILD", "-p", modulePath,
        "-m", MODULE + "/" + MODULE + ".Main", mode));
  }

  private static String tool(String name) {
    return Path.of(System.getProperty("java.home"), "bin", name).toString();
  }

  private record Result(int exit, String output) {}

  private static Result run(List<String> command) throws IOException, InterruptedException {
    Path log = Files.createTempFile(WORK.toAbsolutePath(), "run", ".log");
    Process p = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    // A guard against a hung child, not a timing assertion.
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      return new Result(-1, "timed out: " + command);
    }
    return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }
}
