package io.e2ee4j.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Live interop with LiveKit's own JavaScript (livekit-client's E2EE worker under Node, see {@link
 * Harness}): for every codec case of {@link FrameCase} and every key mode of {@link Scenario},
 * frames e2ee4j encrypts decrypt in LiveKit's worker to the same plaintext, and frames LiveKit's
 * worker encrypts decrypt in e2ee4j; the same for DataPackets of every encrypted value case.
 *
 * <p>Payloads are random from a seed printed at the start; rerun one with {@code
 * -De2ee4j.interop.seed=<seed>}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveKitJsLiveInteropTest {

  /** Frames of each codec case per sender per key mode, each way. */
  private static final int FRAMES_PER_CASE = 4;
  /** Packets of each value case per key mode, each way. */
  private static final int PACKETS_PER_CASE = 2;

  private Harness harness;
  private long seed;

  @BeforeAll
  void start() {
    harness = Harness.startOrSkip();
    seed = Long.getLong("e2ee4j.interop.seed", System.nanoTime());
    System.out.println("[interop] seed " + seed + " (rerun with -De2ee4j.interop.seed=" + seed + ")");
  }

  @AfterAll
  void stop() {
    if (harness != null) {
      harness.close();
    }
  }

  @Test
  void everyCodecAndKeyMode_decryptsToTheSamePlaintext_inBothDirections() {
    SplittableRandom random = new SplittableRandom(seed);
    List<String> failures = new ArrayList<>();
    int toLiveKit = 0;
    int fromLiveKit = 0;
    int packetsToLiveKit = 0;
    int packetsFromLiveKit = 0;
    int scenarios = 0;
    int framesByteExact = 0;
    int packetsByteExact = 0;
    for (Scenario scenario : Scenario.all()) {
      try (InteropRun run = new InteropRun(harness, scenario, random.nextInt(1, Integer.MAX_VALUE), failures)) {
        scenarios++;
        if (scenario.sharedKey()) {
          // LiveKit JS reports no chain key for shared-key ratchets (spec section 4.5).
          if (!run.liveKitChainKeys.isEmpty()) {
            failures.add(scenario + ": LiveKit reported chain keys for a shared-key ratchet");
          }
        } else if (!run.liveKitChainKeys.equals(run.javaChainKeys)) {
          failures.add(scenario + ": ratchet chain keys differ between LiveKit and e2ee4j");
        }
        for (String sender : scenario.senders()) {
          run.framesE2ee4jToLiveKit(sender, FrameCase.all(random, FRAMES_PER_CASE));
          run.framesLiveKitToE2ee4j(sender, FrameCase.all(random, FRAMES_PER_CASE));
        }
        String sender = scenario.senders().get(scenario.senders().size() - 1);
        for (String valueCase : DataCases.ENCRYPTED) {
          for (int i = 0; i < PACKETS_PER_CASE; i++) {
            JsonObject built = run.buildPacket(valueCase, DataCases.value(valueCase, random));
            run.packetE2ee4jToLiveKit(sender, valueCase, built);
            built = run.buildPacket(valueCase, DataCases.value(valueCase, random));
            run.packetLiveKitToE2ee4j(sender, valueCase, built);
          }
        }
        toLiveKit += run.framesToLiveKit;
        fromLiveKit += run.framesFromLiveKit;
        packetsToLiveKit += run.packetsToLiveKit;
        packetsFromLiveKit += run.packetsFromLiveKit;
        framesByteExact += run.framesByteExact;
        packetsByteExact += run.packetsByteExact;
      }
    }
    System.out.println("[interop] frames e2ee4j->livekit: " + toLiveKit + ", livekit->e2ee4j: " + fromLiveKit
        + ", data packets e2ee4j->livekit: " + packetsToLiveKit + ", livekit->e2ee4j: " + packetsFromLiveKit
        + " (" + FrameCase.FAMILIES.size() + " codec cases, " + scenarios + " key modes, "
        + DataCases.ENCRYPTED.size() + " data value cases, " + failures.size() + " failures)");
    System.out.println("[interop] byte-exact with LiveKit's IV: frames " + framesByteExact + "/" + fromLiveKit
        + ", data packets " + packetsByteExact + "/" + packetsFromLiveKit);
    failures.stream().limit(50).forEach(f -> System.out.println("[interop] FAIL " + f));
    assertEquals(List.of(), failures.stream().limit(50).toList(), failures.size() + " interop failures");
    assertTrue(toLiveKit >= 500 && fromLiveKit >= 500,
        "at least 500 frames each way, got " + toLiveKit + " and " + fromLiveKit);
  }
}
