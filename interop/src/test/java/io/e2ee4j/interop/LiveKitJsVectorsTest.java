package io.e2ee4j.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Without Node: frames and DataPackets that LiveKit's own worker encrypted (recorded by {@link
 * LiveKitJsVectorWriter} into {@value LiveKitJsVectorWriter#RESOURCE}) decrypt in e2ee4j to what
 * LiveKit's sender meant, for every codec case and key mode; and e2ee4j, given LiveKit's IV,
 * encrypts each frame's plaintext to exactly LiveKit's bytes.
 */
class LiveKitJsVectorsTest {

  @Test
  void framesAndPacketsEncryptedByLiveKitsWorker_decryptInE2ee4j() throws IOException {
    JsonObject root;
    try (InputStream in = LiveKitJsVectorsTest.class.getResourceAsStream(LiveKitJsVectorWriter.RESOURCE)) {
      assertNotNull(in, "vectors missing: " + LiveKitJsVectorWriter.RESOURCE);
      root = JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
    }
    List<String> failures = new ArrayList<>();
    int frames = 0;
    int packets = 0;
    for (JsonElement e : root.getAsJsonArray("scenarios")) {
      JsonObject sj = e.getAsJsonObject();
      Scenario s = Scenario.fromJson(sj.getAsJsonObject("scenario"));
      try (InteropRun run = new InteropRun(s, failures)) {
        for (JsonElement fe : sj.getAsJsonArray("frames")) {
          JsonObject f = fe.getAsJsonObject();
          FrameCase c = FrameCase.fromVector(f);
          String problem = run.decryptInE2ee4j(f.get("participant").getAsString(), c,
              InteropRun.HEX.parseHex(f.get("encryptedHex").getAsString()));
          if (problem != null) {
            failures.add(s + " " + c + ": " + problem);
          }
          run.reproduce(f.get("participant").getAsString(), c, InteropRun.HEX.parseHex(f.get("encryptedHex").getAsString()));
          frames++;
        }
        for (JsonElement pe : sj.getAsJsonArray("dataPackets")) {
          JsonObject p = pe.getAsJsonObject();
          String problem = run.decryptPacketInE2ee4j(InteropRun.HEX.parseHex(p.get("wireHex").getAsString()),
              InteropRun.HEX.parseHex(p.get("payloadHex").getAsString()));
          if (problem != null) {
            failures.add(s + " data " + p.get("valueCase").getAsString() + ": " + problem);
          }
          packets++;
        }
      }
    }
    System.out.println("[vectors] livekit-js (harness-generated): " + frames + " frames (decrypted, and reproduced"
        + " byte for byte with LiveKit's IV: " + failures.stream().noneMatch(f -> f.contains("byte-exact")) + "), "
        + packets + " data packets checked, " + failures.size() + " failures");
    assertEquals(List.of(), failures);
    assertTrue(frames > 0 && packets > 0, "no vectors read");
  }
}
