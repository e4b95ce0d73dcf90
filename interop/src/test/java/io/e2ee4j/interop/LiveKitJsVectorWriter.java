package io.e2ee4j.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Regenerates the committed vectors ({@value #RESOURCE}) from the harness: frames and DataPackets
 * LiveKit's own worker encrypted, for every codec case and key mode, with what a receiver must get.
 * Runs only when asked:
 *
 * <pre>
 * mvn -pl interop test -Dtest=LiveKitJsVectorWriter \
 *   -De2ee4j.interop.writeVectors=src/test/resources/io/e2ee4j/interop/livekit-js-vectors.json
 * </pre>
 */
class LiveKitJsVectorWriter {

  static final String RESOURCE = "/io/e2ee4j/interop/livekit-js-vectors.json";
  static final long SEED = 20261203L;

  @Test
  @EnabledIfSystemProperty(named = "e2ee4j.interop.writeVectors", matches = ".+")
  void writesVectorsProducedByLiveKitsOwnWorker() throws IOException {
    List<String> failures = new ArrayList<>();
    SplittableRandom random = new SplittableRandom(SEED);
    JsonObject root = new JsonObject();
    int frames = 0;
    int packets = 0;
    try (Harness h = Harness.startOrSkip()) {
      JsonObject generator = h.hello();
      generator.addProperty("how", "livekit-client's own E2EE worker bundle hosted under Node by interop/harness/harness.js"
          + " and driven through its message protocol; data packets through livekit-client's RTCEngine with"
          + " @livekit/protocol; written by LiveKitJsVectorWriter");
      generator.addProperty("seed", SEED);
      root.addProperty("description", "Frames and DataPackets encrypted by LiveKit's JS E2EE worker. Per scenario:"
          + " key setup (material, KDF by material type: passphrase PBKDF2, raw HKDF; keyIndex; ratchets applied"
          + " after setting), then frames (encryptedHex as LiveKit sent it, expectedHex what a receiver must get)"
          + " and dataPackets (wireHex with participant_identity set as the SFU does, payloadHex the serialized"
          + " EncryptedPacketPayload). Receivers use ratchet window 0.");
      root.add("generator", generator);
      JsonArray scenarios = new JsonArray();
      for (Scenario s : Scenario.all()) {
        try (InteropRun run = new InteropRun(h, s, random.nextInt(1, Integer.MAX_VALUE), failures)) {
          for (String sender : s.senders()) {
            run.framesLiveKitToE2ee4j(sender, FrameCase.all(random, 1));
          }
          String sender = s.senders().get(s.senders().size() - 1);
          for (String valueCase : DataCases.ENCRYPTED) {
            run.packetLiveKitToE2ee4j(sender, valueCase, run.buildPacket(valueCase, DataCases.value(valueCase, random)));
          }
          JsonObject sj = new JsonObject();
          sj.add("scenario", s.json());
          sj.add("frames", run.recordedFrames);
          sj.add("dataPackets", run.recordedPackets);
          scenarios.add(sj);
          frames += run.recordedFrames.size();
          packets += run.recordedPackets.size();
        }
      }
      root.add("scenarios", scenarios);
    }
    assertEquals(List.of(), failures);
    Path out = Paths.get(System.getProperty("e2ee4j.interop.writeVectors"));
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(root) + "\n",
        StandardCharsets.UTF_8);
    System.out.println("[interop] wrote " + frames + " frames and " + packets + " data packets to " + out.toAbsolutePath());
  }
}
