package io.e2ee4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.e2ee4j.testing.Vectors;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every vector of {@code livekit-js/public.json} (LiveKit JS 2.23's own output) through the
 * {@code key}, {@code frame} and {@code data} commands, one process run each, checking the exit
 * code, standard output and, for drops, standard error.
 */
class LiveKitVectorsCliTest {

  @Test
  void everyPublicVector_givesLiveKitsAnswer_throughTheCommands() {
    JsonObject root = Vectors.json("livekit-js/public.json");
    List<VectorCommands.Case> cases = VectorCommands.all(root);
    List<String> failures = new ArrayList<>();
    for (VectorCommands.Case c : cases) {
      CliRun run = CliRun.of(c.words().toArray(String[]::new));
      String answer;
      if (run.exitCode() == 0) {
        answer = "OK " + run.stdout();
      } else if (run.exitCode() == 3) {
        answer = run.err().lines().filter(l -> l.startsWith("DROPPED ")).findFirst().orElse("(no DROPPED line)");
      } else {
        answer = "exit " + run.exitCode() + ": " + run.err().strip();
      }
      if (!c.matches(answer)) {
        failures.add(c.id() + ": expected " + c.expected() + " but got " + answer);
      }
    }
    Vectors.report("LiveKit JS vectors through the CLI (key, frame, data commands)", cases.size());
    assertTrue(cases.size() >= 30, "too few cases: " + cases.size());
    assertEquals(List.of(), failures);
  }

  @Test
  void everyCommandFamily_isCovered() {
    List<VectorCommands.Case> cases = VectorCommands.all(Vectors.json("livekit-js/public.json"));
    for (String command : List.of("key derive", "key ratchet", "frame encrypt", "frame decrypt", "data encrypt",
        "data decrypt")) {
      assertTrue(cases.stream().anyMatch(c -> String.join(" ", c.words()).startsWith(command)), command);
    }
  }
}
