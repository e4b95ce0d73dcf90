package io.e2ee4j.transport.webrtc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.e2ee4j.api.E2eeState;
import io.e2ee4j.api.KeyMaterial;
import io.e2ee4j.api.KeyProviderOptions;
import io.e2ee4j.api.ParticipantId;
import io.e2ee4j.api.media.EncodedFrame;
import io.e2ee4j.api.media.FrameCryptor;
import io.e2ee4j.api.media.FrameDropReason;
import io.e2ee4j.api.media.FrameResult;
import io.e2ee4j.api.media.InsecureIvSource;
import io.e2ee4j.api.media.MediaKind;
import io.e2ee4j.testing.LiveKitJsVectors;
import io.e2ee4j.testing.Vectors;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * LiveKit's own bytes: every frame vector of livekit-client 2.23's worker (public subset) and the
 * two frames of the JS SDK's unit tests, decrypted to LiveKit's plaintext and encrypted to
 * LiveKit's exact bytes when handed LiveKit's IV through the insecure test hook.
 */
class LiveKitVectorsTest {

  private static final Pattern MIME = Pattern.compile("(audio|video)/[A-Za-z0-9]+");

  @Test
  void everyJsFrameVectorDecryptsToLiveKitsPlaintextAndEncryptsToLiveKitsBytes() {
    JsonObject root = Vectors.json("livekit-js/public.json");
    List<String> failures = new ArrayList<>();
    int checked = 0;
    for (JsonElement e : root.getAsJsonArray("frames")) {
      JsonObject v = e.getAsJsonObject();
      String id = v.get("id").getAsString();
      try {
        checked += checkFrameVector(v, failures);
      } catch (RuntimeException ex) {
        failures.add(id + ": threw " + ex);
      }
    }
    Vectors.report("livekit-js frame vectors (decrypt + encrypt)", checked);
    assertTrue(failures.isEmpty(), String.join("\n", failures));
    assertTrue(checked > 0, "no frame vectors checked");
  }

  private static int checkFrameVector(JsonObject v, List<String> failures) {
    String id = v.get("id").getAsString();
    JsonObject kp = v.getAsJsonObject("keyProvider");
    KeyProviderOptions options = LiveKitJsVectors.keyProviderOptions(kp).build();
    JsonObject key = v.getAsJsonObject("key");
    ParticipantId who = key.has("participantIdentity") && !key.get("participantIdentity").isJsonNull()
        ? ParticipantId.of(key.get("participantIdentity").getAsString()) : ParticipantId.of("sender");
    JsonObject f = v.getAsJsonObject("frame");
    byte[] plaintext = Rig.hex(f.get("plaintextHex").getAsString());
    EncodedFrame frame = frameOf(f, who, plaintext);
    String trackCodec = trackCodecOf(f);
    byte[] expected = Rig.hex(v.getAsJsonObject("expected").get("encryptedFrameHex").getAsString());
    int expectedIndex = v.getAsJsonObject("expected").get("keyIndex").getAsInt();
    byte[] iv = Rig.hex(v.getAsJsonObject("observed").get("ivHex").getAsString());
    int checked = 0;

    // Sender side: LiveKit's IV through the insecure hook must give LiveKit's bytes.
    Rig sender = rigWithKey(options, key, who);
    FrameCryptor enc = sender.sender(who, b -> b.codecMimeType(trackCodec)
        .insecureIvSourceForTesting(InsecureIvSource.insecureFixedIv(iv)));
    FrameResult r = enc.process(frame);
    if (r.status() != FrameResult.Status.ENCRYPTED) {
      failures.add(id + " encrypt: " + r);
    } else {
      if (!Rig.hex(Rig.bytes(r)).equals(Rig.hex(expected))) {
        failures.add(id + " encrypt: got " + Rig.hex(Rig.bytes(r)) + " want " + Rig.hex(expected));
      }
      if (r.keyIndex() != expectedIndex) {
        failures.add(id + " encrypt: key index " + r.keyIndex() + " want " + expectedIndex);
      }
    }
    checked++;

    // Receiver side: LiveKit's bytes decrypt to LiveKit's output.
    JsonObject dec = v.getAsJsonObject("decryptedByLiveKit");
    Rig receiver = rigWithKey(options, key, who);
    FrameCryptor d = receiver.receiver(who, b -> b.codecMimeType(trackCodec));
    FrameResult out = d.process(Rig.with(frame, expected));
    if (dec.get("outputHex").isJsonNull()) {
      if (out.isForwarded()) {
        failures.add(id + " decrypt: LiveKit dropped it, we forwarded " + out);
      }
    } else if (out.status() != FrameResult.Status.DECRYPTED) {
      failures.add(id + " decrypt: " + out + " state " + d.state() + " " + d.stateReason());
    } else if (!Rig.hex(Rig.bytes(out)).equals(dec.get("outputHex").getAsString())) {
      failures.add(id + " decrypt: got " + Rig.hex(Rig.bytes(out)) + " want " + dec.get("outputHex").getAsString());
    }
    checked++;
    return checked;
  }

  private static Rig rigWithKey(KeyProviderOptions options, JsonObject key, ParticipantId who) {
    Rig rig = new Rig(options);
    KeyMaterial material = materialOf(key);
    int index = key.get("keyIndex").getAsInt();
    if (options.sharedKey()) {
      rig.provider.setSharedKey(index, material);
    } else {
      rig.provider.setKey(who, index, material);
    }
    int ratchets = key.has("ratchetCount") ? key.get("ratchetCount").getAsInt() : 0;
    int slot = index % options.keyRingSize();
    for (int i = 0; i < ratchets; i++) {
      if (options.sharedKey()) {
        rig.provider.ratchetSharedKey(slot);
      } else {
        rig.provider.ratchetKey(who, slot);
      }
    }
    return rig;
  }

  private static KeyMaterial materialOf(JsonObject key) {
    JsonObject m = key.getAsJsonObject("material");
    String type = m.get("type").getAsString();
    String derivation = key.has("derivation") ? key.get("derivation").getAsString() : "";
    if (type.equals("passphrase") && !derivation.equals("HKDF")) {
      return KeyMaterial.fromPassphrase(m.get("utf8").getAsString());
    }
    return KeyMaterial.fromBytes(Rig.hex(m.get("hex").getAsString()));
  }

  private static EncodedFrame frameOf(JsonObject f, ParticipantId who, byte[] payload) {
    MediaKind kind = "audio".equals(f.get("mediaKind").getAsString()) ? MediaKind.AUDIO : MediaKind.VIDEO;
    String signalled = f.has("codecSignalled") ? f.get("codecSignalled").getAsString() : "none";
    String frameMime = null;
    if (signalled.contains("frame metadata")) {
      Matcher m = MIME.matcher(signalled);
      frameMime = m.find() ? m.group() : null;
    }
    boolean keyFrame = f.has("frameType") && !f.get("frameType").isJsonNull()
        && "key".equals(f.get("frameType").getAsString());
    return new EncodedFrame(ByteBuffer.wrap(payload), kind, frameMime, keyFrame,
        (int) f.get("ssrc").getAsLong(), (int) f.get("rtpTimestamp").getAsLong(), who, null);
  }

  /** A codec signalled other than by the frame's own metadata (track info, transform setup), else null. */
  private static String trackCodecOf(JsonObject f) {
    String signalled = f.has("codecSignalled") ? f.get("codecSignalled").getAsString() : "none";
    if (signalled.contains("frame metadata")) {
      return null;
    }
    Matcher m = MIME.matcher(signalled);
    return m.find() ? m.group() : null;
  }

  @Test
  void frameBehavioursMatchLiveKit() {
    JsonObject root = Vectors.json("livekit-js/public.json");
    List<String> failures = new ArrayList<>();
    int checked = 0;
    for (JsonElement e : root.getAsJsonArray("frameBehaviours")) {
      JsonObject v = e.getAsJsonObject();
      String id = v.get("id").getAsString();
      JsonObject rx = v.getAsJsonObject("receiver");
      JsonObject kp = rx.getAsJsonObject("keyProviderOptions");
      KeyProviderOptions.Builder ob = LiveKitJsVectors.keyProviderOptions(kp);
      if (rx.has("sifTrailerHex")) {
        ob.sifTrailer(Rig.hex(rx.get("sifTrailerHex").getAsString()));
      }
      Rig rig = new Rig(ob.build());
      ParticipantId who = ParticipantId.of("sender");
      if (rx.has("keys")) {
        for (Map.Entry<String, JsonElement> p : rx.getAsJsonObject("keys").entrySet()) {
          who = ParticipantId.of(p.getKey());
          for (Map.Entry<String, JsonElement> k : p.getValue().getAsJsonObject().entrySet()) {
            String spec = k.getValue().getAsString();
            KeyMaterial material = spec.startsWith("passphrase ")
                ? KeyMaterial.fromPassphrase(spec.substring("passphrase ".length()))
                : KeyMaterial.fromBytes(Rig.hex(spec));
            rig.provider.setKey(who, Integer.parseInt(k.getKey()), material);
          }
        }
      }
      JsonObject in = v.getAsJsonObject("input");
      MediaKind kind = in.has("mediaKind") && "audio".equals(in.get("mediaKind").getAsString())
          ? MediaKind.AUDIO : MediaKind.VIDEO;
      boolean keyFrame = in.has("frameType") && "key".equals(in.get("frameType").getAsString());
      EncodedFrame frame = new EncodedFrame(ByteBuffer.wrap(Rig.hex(in.get("receivedFrameHex").getAsString())),
          kind, null, keyFrame, 1, 1, who, null);
      FrameCryptor d = rig.receiver(who, b -> b);
      FrameResult r = d.process(frame);
      JsonObject result = v.getAsJsonObject("result");
      if (result.get("outputHex").isJsonNull()) {
        if (r.isForwarded()) {
          failures.add(id + ": LiveKit dropped, we forwarded " + r);
        }
        for (JsonElement m : result.has("workerMessages") ? result.getAsJsonArray("workerMessages") : new JsonArray()) {
          String msg = m.getAsJsonObject().get("message").getAsString();
          if (msg.startsWith("MissingKey")) {
            if (r.dropReasonOrNull() != FrameDropReason.MISSING_KEY || d.state() != E2eeState.MISSING_KEY) {
              failures.add(id + ": LiveKit said " + msg + ", we " + r + " state " + d.state());
            }
            Matcher idx = Pattern.compile("index (\\d+)").matcher(msg);
            if (idx.find() && !d.stateReason().contains("missing key at index " + idx.group(1))) {
              failures.add(id + ": reason '" + d.stateReason() + "' does not name index " + idx.group(1));
            }
          }
        }
      } else {
        if (!r.isForwarded()) {
          failures.add(id + ": LiveKit forwarded, we " + r);
        } else if (!Rig.hex(Rig.bytes(r)).equals(result.get("outputHex").getAsString())) {
          failures.add(id + ": got " + Rig.hex(Rig.bytes(r)));
        }
      }
      checked++;
    }
    Vectors.report("livekit-js frame behaviours", checked);
    assertTrue(failures.isEmpty(), String.join("\n", failures));
    assertTrue(checked > 0);
  }

  @Test
  void jsUnitTestFramesDecryptAndReencryptExactly() {
    JsonObject root = Vectors.json("livekit/livekit-e2ee-vectors.json");
    List<String> failures = new ArrayList<>();
    int checked = 0;
    for (JsonElement e : root.getAsJsonArray("frameVectors")) {
      JsonObject v = e.getAsJsonObject();
      String name = v.get("testName").getAsString();
      KeyProviderOptions options = KeyProviderOptions.builder().sharedKey(true).build();
      int index = v.get("keyIndex").getAsInt();
      boolean keyFrame = "key".equals(v.get("frameType").getAsString());
      byte[] encrypted = Rig.hex(v.get("encryptedFrame").getAsString());
      byte[] decrypted = Rig.hex(v.get("decryptedFrame").getAsString());
      byte[] iv = Rig.hex(v.getAsJsonObject("derived").get("iv").getAsString());
      ParticipantId who = ParticipantId.of("sender");

      Rig rx = new Rig(options);
      rx.provider.setSharedKey(index, KeyMaterial.fromPassphrase(v.get("keyMaterialUtf8").getAsString()));
      FrameResult r = rx.receiver(who, b -> b).process(EncodedFrame.video(ByteBuffer.wrap(encrypted), null,
          keyFrame, 1, 1, who));
      if (r.status() != FrameResult.Status.DECRYPTED || !Rig.hex(Rig.bytes(r)).equals(Rig.hex(decrypted))) {
        failures.add(name + " decrypt: " + r);
      }
      checked++;

      Rig tx = new Rig(options);
      tx.provider.setSharedKey(index, KeyMaterial.fromPassphrase(v.get("keyMaterialUtf8").getAsString()));
      FrameResult s = tx.sender(who, b -> b.insecureIvSourceForTesting(InsecureIvSource.insecureFixedIv(iv)))
          .process(EncodedFrame.video(ByteBuffer.wrap(decrypted), null, keyFrame, 1, 1, who));
      if (s.status() != FrameResult.Status.ENCRYPTED || !Rig.hex(Rig.bytes(s)).equals(Rig.hex(encrypted))) {
        failures.add(name + " encrypt: " + s + (s.isForwarded() ? " " + Rig.hex(Rig.bytes(s)) : ""));
      }
      checked++;
    }
    Vectors.report("livekit JS unit-test frames (decrypt + encrypt)", checked);
    assertEquals(List.of(), failures);
    assertTrue(checked > 0);
  }

}
