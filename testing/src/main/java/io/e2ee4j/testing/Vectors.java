package io.e2ee4j.testing;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Finds the third-party test vectors in {@code ../shared/vectors} beside the checkout (or where the
 * system property {@code e2ee4j.vectors} points) and reads them. Tests call {@link #file} and are
 * skipped with a clear message when the folder is absent, as in a user's own clone; the vectors
 * are never copied into the project.
 */
public final class Vectors {

  /** System property naming the vectors folder. */
  public static final String PROPERTY = "e2ee4j.vectors";

  private Vectors() {}

  /** The vectors folder, or null if there is none. */
  public static Path dirOrNull() {
    String configured = System.getProperty(PROPERTY);
    if (configured != null && Files.isDirectory(Paths.get(configured))) {
      return Paths.get(configured).toAbsolutePath().normalize();
    }
    for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared").resolve("vectors");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  /**
   * The vector file at {@code relative} (such as {@code "wycheproof/aes_gcm_test.json"}); skips the
   * calling test, with a message saying where it looked, when it is absent.
   */
  public static Path file(String relative) {
    Path dir = dirOrNull();
    skipOrFailUnless(dir != null, "test vectors not found: expected ../shared/vectors beside the checkout or -D"
        + PROPERTY + "=<dir>; skipping " + relative);
    Path file = dir.resolve(relative);
    skipOrFailUnless(Files.isRegularFile(file), "test vector file absent: " + file);
    return file;
  }

  /**
   * Environment variable that turns a missing vector into a failure ({@code
   * E2EE4J_VECTORS_REQUIRED=1}, as CI sets it), so vector tests cannot be skipped there.
   */
  public static final String REQUIRED_ENV = "E2EE4J_VECTORS_REQUIRED";

  private static void skipOrFailUnless(boolean condition, String reason) {
    if (!condition && "1".equals(System.getenv(REQUIRED_ENV))) {
      throw new AssertionError(reason + " (" + REQUIRED_ENV + "=1: vector tests must run)");
    }
    Skip.unless(condition, reason);
  }

  /** Reads a JSON vector file, skipping the test if absent. */
  public static JsonObject json(String relative) {
    Path file = file(relative);
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      JsonElement root = JsonParser.parseReader(reader);
      return root.getAsJsonObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Prints how many vectors a test checked, so the build log shows it. */
  public static void report(String what, int count) {
    System.out.println("[vectors] " + what + ": " + count + " checked");
  }
}
