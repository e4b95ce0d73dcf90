package io.e2ee4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.e2ee4j.testing.Vectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The acceptance run: a 100-line batch of the public vectors answered in one run of {@code e2ee4j -}. */
class VectorBatchTest {

  @Test
  void hundredLineBatchOfPublicVectors_answersEachLineCorrectly_inOneRun() throws IOException {
    List<VectorCommands.Case> all = VectorCommands.all(Vectors.json("livekit-js/public.json"));
    List<VectorCommands.Case> batch = new ArrayList<>();
    for (int i = 0; batch.size() < 100; i++) {
      batch.add(all.get(i % all.size()));
    }
    List<String> lines = batch.stream().map(VectorCommands.Case::line).toList();
    // Left in target/ to feed the built jar by hand: java -jar target/e2ee4j.jar - < target/vector-batch.txt
    Files.createDirectories(Path.of("target"));
    Files.write(Path.of("target", "vector-batch.txt"), lines);
    Files.write(Path.of("target", "vector-batch.expected"), batch.stream().map(VectorCommands.Case::expected).toList());
    CliRun run = CliRun.batch(lines);
    assertEquals(0, run.exitCode(), run::toString);
    List<String> answers = run.outLines();
    assertEquals(100, answers.size(), run::toString);
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      if (!batch.get(i).matches(answers.get(i))) {
        failures.add("line " + (i + 1) + " " + batch.get(i).id() + ": expected " + batch.get(i).expected()
            + " but got " + answers.get(i));
      }
    }
    Vectors.report("LiveKit JS vectors in a 100-line batch", batch.size());
    assertEquals(List.of(), failures);
  }
}
