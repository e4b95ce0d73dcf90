package io.e2ee4j.interop;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * One long-lived {@code node harness.js} process: LiveKit's own E2EE worker bundle under Node,
 * spoken to in JSON lines over stdin/stdout (see {@code harness/harness.js}).
 *
 * <p>{@link #startOrSkip()} skips the calling test class when Node, npm or the harness's installed
 * {@code node_modules} are missing, unless {@value #REQUIRED_ENV} is set (as CI does), in which case
 * it fails instead: in CI the live suite must run.
 *
 * <p>Not thread-safe: one test class talks to its own process from one thread.
 */
final class Harness implements AutoCloseable {

  /** Environment variable that turns "skip when Node is missing" into a failure. */
  static final String REQUIRED_ENV = "E2EE4J_INTEROP_REQUIRED";

  private static final Gson GSON = new Gson();

  private final Process process;
  private final BufferedWriter in;
  private final BufferedReader out;
  private final JsonObject hello;
  private int nextId = 1;

  private Harness(Process process) {
    this.process = process;
    this.in = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
    this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    this.hello = call(op("hello"));
  }

  /** The harness folder: {@code -De2ee4j.interop.harness}, else {@code harness} beside the module. */
  static Path dir() {
    String configured = System.getProperty("e2ee4j.interop.harness");
    if (configured != null && !configured.isBlank() && !configured.startsWith("${")) {
      return Paths.get(configured);
    }
    return Paths.get("harness").toAbsolutePath();
  }

  /** Starts the harness, or skips (fails, under {@value #REQUIRED_ENV}) when it cannot run here. */
  static Harness startOrSkip() {
    Path dir = dir();
    String missing = null;
    if (onPath("node") == null) {
      missing = "node is not on the PATH";
    } else if (onPath("npm") == null) {
      missing = "npm is not on the PATH";
    } else if (!Files.isDirectory(dir.resolve("node_modules").resolve("livekit-client"))) {
      missing = "the harness is not installed: run (cd " + dir + " && npm ci)";
    }
    if (missing != null) {
      boolean required = System.getenv(REQUIRED_ENV) != null && !System.getenv(REQUIRED_ENV).isEmpty();
      String message = "[interop] live suite cannot run: " + missing;
      if (required) {
        Assertions.fail(message + " (" + REQUIRED_ENV + " is set, so this is a failure)");
      }
      System.out.println(message + "; skipping");
      System.out.println("[skipped] " + message + "; skipping (set " + REQUIRED_ENV + "=1 to make this fail)");
      Assumptions.abort(message + "; skipping (set " + REQUIRED_ENV + "=1 to make this fail)");
    }
    try {
      Process p = new ProcessBuilder(onPath("node").toString(), "harness.js")
          .directory(dir.toFile())
          .redirectError(ProcessBuilder.Redirect.INHERIT)
          .start();
      Harness h = new Harness(p);
      System.out.println("[interop] harness up: livekit-client " + h.hello.get("livekitClient").getAsString()
          + ", @livekit/protocol " + h.hello.get("livekitProtocol").getAsString()
          + ", worker " + h.hello.get("workerBundle").getAsString()
          + " sha256 " + h.hello.get("workerSha256").getAsString()
          + ", node " + h.hello.get("node").getAsString());
      return h;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path onPath(String exe) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String d : path.split(File.pathSeparator)) {
      Path candidate = Paths.get(d, exe);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  /** What the harness reported about itself: versions, worker bundle and its SHA-256, Node. */
  JsonObject hello() {
    return hello.deepCopy();
  }

  /** A request with its op set. */
  static JsonObject op(String op) {
    JsonObject o = new JsonObject();
    o.addProperty("op", op);
    return o;
  }

  /** Sends a request and returns the answer; fails the test if the harness reports an error. */
  JsonObject call(JsonObject request) {
    int id = nextId++;
    request.addProperty("id", id);
    try {
      in.write(GSON.toJson(request));
      in.write('\n');
      in.flush();
      String line = out.readLine();
      if (line == null) {
        throw new IllegalStateException("harness exited (code " + exitCodeOrNull() + ")");
      }
      JsonObject answer = JsonParser.parseString(line).getAsJsonObject();
      if (answer.get("id").getAsInt() != id) {
        throw new IllegalStateException("harness answered request " + answer.get("id") + ", expected " + id);
      }
      if (!answer.get("ok").getAsBoolean()) {
        throw new IllegalStateException("harness error for " + request.get("op").getAsString() + ": "
            + answer.get("error").getAsString());
      }
      return answer;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Integer exitCodeOrNull() {
    return process.isAlive() ? null : process.exitValue();
  }

  // ---- convenience requests ----

  void newWorker(String worker, int seed, JsonObject options) {
    JsonObject r = op("newWorker");
    r.addProperty("worker", worker);
    r.addProperty("seed", seed);
    r.add("options", options);
    call(r);
  }

  void enable(String worker, String participant) {
    JsonObject r = op("enable");
    r.addProperty("worker", worker);
    r.addProperty("participant", participant);
    call(r);
  }

  JsonObject setKey(String worker, String participant, JsonObject material, int keyIndex) {
    JsonObject r = op("setKey");
    r.addProperty("worker", worker);
    r.addProperty("participant", participant);
    r.add("material", material);
    r.addProperty("keyIndex", keyIndex);
    return call(r);
  }

  JsonArray ratchet(String worker, String participant, int keyIndex) {
    JsonObject r = op("ratchet");
    r.addProperty("worker", worker);
    r.addProperty("participant", participant);
    r.addProperty("keyIndex", keyIndex);
    return call(r).getAsJsonArray("messages");
  }

  /** Frames through the worker's encode ("encrypt") or decode ("decrypt") transform. */
  JsonObject frames(String op, String worker, String participant, JsonArray frames) {
    JsonObject r = op(op);
    r.addProperty("worker", worker);
    r.addProperty("participant", participant);
    r.add("frames", frames);
    return call(r);
  }

  @Override
  public void close() {
    try {
      in.close();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroy();
      }
    } catch (IOException | InterruptedException e) {
      process.destroy();
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
