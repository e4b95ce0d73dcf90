package io.e2ee4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.e2ee4j.testing.Vectors;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The packaged {@code target/e2ee4j.jar}, run as a user runs it: {@code java -jar} in a JVM of its
 * own, nothing else on the class path. Proves the shading (picocli, the merged
 * {@code META-INF/services} that let ServiceLoader find "gcm", no stray module descriptors) and
 * answers the acceptance batch. Runs in the integration-test phase, after package.
 */
class ShadedJarIT {

  private static final Path JAR = Path.of("target", "e2ee4j.jar");

  private record Result(int exitCode, String out, String err) {}

  private static Result run(String stdin, String... args) throws IOException, InterruptedException {
    return run(List.of(), stdin.getBytes(StandardCharsets.UTF_8), args);
  }

  private static Result run(List<String> jvmOptions, byte[] stdin, String... args)
      throws IOException, InterruptedException {
    assertTrue(Files.isRegularFile(JAR), JAR.toAbsolutePath() + " is missing: run mvn package first");
    Path dir = Files.createTempDirectory("e2ee4j-jar-it");
    Path in = Files.write(dir.resolve("in.txt"), stdin);
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", JAR.toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command)
        .redirectInput(in.toFile())
        .redirectOutput(out.toFile())
        .redirectError(err.toFile())
        .start();
    int code = process.waitFor();
    Result result = new Result(code, Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
    for (File f : new File[] {in.toFile(), out.toFile(), err.toFile(), dir.toFile()}) {
      f.delete();
    }
    return result;
  }

  @Test
  void version_findsTheGcmTypeThroughTheMergedServiceFiles() throws Exception {
    Result r = run("", "--version");
    assertEquals(0, r.exitCode(), r::toString);
    assertTrue(r.out().contains("encryption types: gcm"), r::toString);
  }

  @Test
  void usageErrorAndDrop_giveExitCodes2And3_withoutStackTraces() throws Exception {
    Result usage = run("", "frame", "decrypt", "--codec", "mpeg2", "00");
    assertEquals(2, usage.exitCode(), usage::toString);
    assertTrue(usage.err().contains("--codec") && !usage.err().contains("\tat "), usage::toString);
    Result dropped = run("", "frame", "decrypt", "--passphrase", "k", "--codec", "opus", "78" + "00".repeat(28) + "0c00");
    assertEquals(3, dropped.exitCode(), dropped::toString);
    assertTrue(dropped.err().startsWith("DROPPED DECRYPTION_FAILED"), dropped::toString);
  }

  @Test
  void aBatchLineThatExhaustsTheHeap_isAnsweredError_andTheBatchGoesOn() throws Exception {
    // 30 million hex digits: within the line and hex limits, but more than a 48 MiB heap can hold
    // as the line, its words and the decoded bytes.
    byte[] start = "frame inspect --codec vp8 ".getBytes(StandardCharsets.US_ASCII);
    byte[] end = "\nkey ratchet --passphrase x --steps 0\n".getBytes(StandardCharsets.US_ASCII);
    byte[] stdin = new byte[start.length + 30_000_000 + end.length];
    System.arraycopy(start, 0, stdin, 0, start.length);
    java.util.Arrays.fill(stdin, start.length, start.length + 30_000_000, (byte) '0');
    System.arraycopy(end, 0, stdin, start.length + 30_000_000, end.length);
    Result r = run(List.of("-Xmx48m", "-XX:+UseSerialGC"), stdin, "-");
    assertEquals(0, r.exitCode(), r::toString);
    List<String> answers = r.out().lines().toList();
    assertEquals(2, answers.size(), r::toString);
    assertTrue(answers.get(0).startsWith("ERROR out of memory"), r::toString);
    assertEquals("OK 78", answers.get(1), r::toString);
  }

  @Test
  void hundredLineBatchOfPublicVectors_isAnsweredCorrectlyByTheJar() throws Exception {
    List<VectorCommands.Case> all = VectorCommands.all(Vectors.json("livekit-js/public.json"));
    List<VectorCommands.Case> batch = new ArrayList<>();
    for (int i = 0; batch.size() < 100; i++) {
      batch.add(all.get(i % all.size()));
    }
    StringBuilder stdin = new StringBuilder();
    batch.forEach(c -> stdin.append(c.line()).append('\n'));
    Result r = run(stdin.toString(), "-");
    assertEquals(0, r.exitCode(), r::toString);
    List<String> answers = r.out().lines().toList();
    assertEquals(100, answers.size(), r::toString);
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      if (!batch.get(i).matches(answers.get(i))) {
        failures.add("line " + (i + 1) + " " + batch.get(i).id() + ": got " + answers.get(i));
      }
    }
    Vectors.report("LiveKit JS vectors in a 100-line batch through java -jar e2ee4j.jar", batch.size());
    assertEquals(List.of(), failures);
  }
}
