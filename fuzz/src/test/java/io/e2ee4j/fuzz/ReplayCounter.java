package io.e2ee4j.fuzz;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Counts the inputs each fuzz test ran (in regression mode, one JUnit invocation per committed
 * input, plus Jazzer's empty input) and prints {@code [fuzz] Class.method: replayed N inputs}
 * once the class is done, so the build log shows how much of the corpus was replayed. Silent when
 * fuzzing ({@code -De2ee4j.fuzzing=true}, set by {@code run-fuzz.sh}): libFuzzer counts the runs then.
 */
final class ReplayCounter implements AfterTestExecutionCallback, AfterAllCallback {

  private final Map<String, Integer> counts = new TreeMap<>();

  @Override
  public void afterTestExecution(ExtensionContext context) {
    counts.merge(context.getRequiredTestMethod().getName(), 1, Integer::sum);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (Boolean.getBoolean("e2ee4j.fuzzing")) {
      return;
    }
    String cls = context.getRequiredTestClass().getSimpleName();
    counts.forEach((method, n) -> System.out.println("[fuzz] " + cls + "." + method + ": replayed " + n + " inputs"));
  }
}
