package io.e2ee4j.interop;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.e2ee4j.api.E2eeStateEvent.Direction;
import io.e2ee4j.api.ParticipantId;
import io.e2ee4j.api.data.DataPacketResult;
import io.e2ee4j.api.media.FrameCryptor;
import io.e2ee4j.api.media.FrameCryptorConfig;
import io.e2ee4j.api.media.FrameResult;
import io.e2ee4j.api.media.InsecureIvSource;
import io.e2ee4j.api.spi.EncryptionType;
import io.e2ee4j.cipher.gcm.AesGcmEncryptionType;
import io.e2ee4j.core.DefaultKeyProvider;
import io.e2ee4j.transport.datachannel.DataPackets;
import io.e2ee4j.transport.datachannel.LiveKitDataPacketCryptor;
import io.e2ee4j.transport.webrtc.LiveKitFrameCryptorFactory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * One scenario driven both ways: e2ee4j's cryptors (through the public media and data-packet API
 * only) on one side, a LiveKit worker in the harness on the other. Mismatches are collected as
 * failure lines, never thrown, so one run reports all of them.
 */
final class InteropRun implements AutoCloseable {

  static final EncryptionType GCM = new AesGcmEncryptionType();
  static final LiveKitFrameCryptorFactory FRAMES = new LiveKitFrameCryptorFactory();
  static final HexFormat HEX = HexFormat.of();

  final Harness harness;
  final Scenario scenario;
  final String worker;
  final DefaultKeyProvider provider;
  final List<String> failures;
  final List<String> javaChainKeys = new ArrayList<>();
  final List<String> liveKitChainKeys;
  private final Map<String, FrameCryptor> cryptors = new HashMap<>();

  /** Frames and packets that went each way and arrived intact. */
  int framesToLiveKit;
  int framesFromLiveKit;
  int packetsToLiveKit;
  int packetsFromLiveKit;
  /** LiveKit's frames and packets that e2ee4j, given LiveKit's IV, reproduced byte for byte. */
  int framesByteExact;
  int packetsByteExact;

  /** What LiveKit sent and what e2ee4j had to make of it, for the committed vectors. */
  final JsonArray recordedFrames = new JsonArray();
  final JsonArray recordedPackets = new JsonArray();

  InteropRun(Harness harness, Scenario scenario, int seed, List<String> failures) {
    this.harness = harness;
    this.scenario = scenario;
    this.worker = scenario.id() + "#" + seed;
    this.failures = failures;
    List<byte[]> chain = new ArrayList<>();
    this.provider = scenario.javaProvider(chain);
    chain.forEach(c -> javaChainKeys.add(HEX.formatHex(c)));
    this.liveKitChainKeys = harness == null ? List.of() : scenario.setUpWorker(harness, worker, seed);
  }

  /** e2ee4j's side only, for replaying recorded vectors where Node is missing. */
  InteropRun(Scenario scenario, List<String> failures) {
    this(null, scenario, 0, failures);
  }

  private FrameCryptor cryptor(Direction direction, String participant, FrameCase c) {
    return cryptors.computeIfAbsent(direction + "|" + participant + "|" + c.family(), k -> {
      ParticipantId id = ParticipantId.of(participant);
      FrameCryptorConfig.Builder b = FrameCryptorConfig.builder(id, c.family(), direction,
          provider.keyHandler(id), GCM).options(provider.options());
      if (direction == Direction.ENCRYPT && c.rbspEdge()) {
        // LiveKit's own IV layout, so that e2ee4j's frames carry IVs that need RBSP escaping too.
        b.insecureIvSourceForTesting(InsecureIvSource.insecureLiveKitLayout(7));
      }
      return FRAMES.create(b.build());
    });
  }

  /** e2ee4j encrypts, LiveKit's worker decrypts; both must give back {@link FrameCase#expected()}. */
  void framesE2ee4jToLiveKit(String sender, List<FrameCase> frames) {
    JsonArray batch = new JsonArray();
    List<FrameCase> sent = new ArrayList<>();
    for (FrameCase c : frames) {
      FrameResult r = cryptor(Direction.ENCRYPT, sender, c).process(c.encodedFrame(c.plaintext(), ParticipantId.of(sender)));
      if (r.status() != FrameResult.Status.ENCRYPTED) {
        failures.add(scenario + " e2ee4j->livekit " + c + ": e2ee4j did not encrypt: " + r.describe());
        continue;
      }
      byte[] encrypted = bytes(r.output());
      checkEscaped("e2ee4j", c, encrypted);
      batch.add(c.json(encrypted));
      sent.add(c);
    }
    JsonArray results = harness.frames("decrypt", worker, sender, batch).getAsJsonArray("results");
    for (int i = 0; i < sent.size(); i++) {
      FrameCase c = sent.get(i);
      JsonObject res = results.get(i).getAsJsonObject();
      if (res.has("dropped")) {
        failures.add(scenario + " e2ee4j->livekit " + c + ": LiveKit dropped it");
      } else if (!Arrays.equals(HEX.parseHex(res.get("dataHex").getAsString()), c.expected())) {
        failures.add(scenario + " e2ee4j->livekit " + c + ": LiveKit decrypted to other bytes");
      } else {
        framesToLiveKit++;
      }
    }
  }

  /** LiveKit's worker encrypts, e2ee4j decrypts; must give back {@link FrameCase#expected()}. */
  void framesLiveKitToE2ee4j(String sender, List<FrameCase> frames) {
    JsonArray batch = new JsonArray();
    frames.forEach(c -> batch.add(c.json(c.plaintext())));
    JsonObject answer = harness.frames("encrypt", worker, sender, batch);
    JsonArray results = answer.getAsJsonArray("results");
    for (int i = 0; i < frames.size(); i++) {
      FrameCase c = frames.get(i);
      JsonObject res = results.get(i).getAsJsonObject();
      if (res.has("dropped")) {
        failures.add(scenario + " livekit->e2ee4j " + c + ": LiveKit did not encrypt: " + answer.get("messages"));
        continue;
      }
      byte[] encrypted = HEX.parseHex(res.get("dataHex").getAsString());
      checkEscaped("LiveKit", c, encrypted);
      record(sender, c, encrypted);
      String problem = decryptInE2ee4j(sender, c, encrypted);
      if (problem != null) {
        failures.add(scenario + " livekit->e2ee4j " + c + ": " + problem);
      } else {
        framesFromLiveKit++;
      }
      reproduce(sender, c, encrypted);
    }
  }

  /**
   * e2ee4j encrypts the same plaintext with LiveKit's IV (the insecure test hook) and must write
   * exactly LiveKit's bytes: clear header, ciphertext, trailer and escaping.
   */
  void reproduce(String sender, FrameCase c, byte[] liveKit) {
    // The IV sits before the last two bytes of the un-escaped frame. Test payloads never hold
    // 00 00 03, so un-escaping the whole frame touches only the escaped tail.
    byte[] plain = unescape(liveKit);
    byte[] iv = Arrays.copyOfRange(plain, plain.length - 14, plain.length - 2);
    ParticipantId id = ParticipantId.of(sender);
    FrameCryptor tx = FRAMES.create(FrameCryptorConfig.builder(id, c.family() + "-exact", Direction.ENCRYPT,
        provider.keyHandler(id), GCM).options(provider.options())
        .insecureIvSourceForTesting(InsecureIvSource.insecureFixedIv(iv)).build());
    try {
      FrameResult r = tx.process(c.encodedFrame(c.plaintext(), id));
      if (r.status() != FrameResult.Status.ENCRYPTED) {
        failures.add(scenario + " byte-exact " + c + ": e2ee4j did not encrypt: " + r.describe());
      } else if (!Arrays.equals(bytes(r.output()), liveKit)) {
        failures.add(scenario + " byte-exact " + c + ": with LiveKit's IV e2ee4j wrote other bytes than LiveKit");
      } else {
        framesByteExact++;
      }
    } finally {
      tx.close();
    }
  }

  private static byte[] unescape(byte[] b) {
    java.io.ByteArrayOutputStream o = new java.io.ByteArrayOutputStream(b.length);
    for (int i = 0; i < b.length; i++) {
      if (i + 2 < b.length && b[i] == 0 && b[i + 1] == 0 && b[i + 2] == 3) {
        o.write(0);
        o.write(0);
        i += 2;
      } else {
        o.write(b[i]);
      }
    }
    return o.toByteArray();
  }

  /**
   * An RBSP edge case (SSRC 00000001 in LiveKit's IV layout) must really have been escaped: its
   * encrypted tail contains 00 00 03, or the case tests nothing.
   */
  private void checkEscaped(String who, FrameCase c, byte[] encrypted) {
    if (!c.rbspEdge()) {
      return;
    }
    for (int i = 0; i + 2 < encrypted.length; i++) {
      if (encrypted[i] == 0 && encrypted[i + 1] == 0 && encrypted[i + 2] == 3) {
        return;
      }
    }
    failures.add(scenario + " " + c + ": " + who + "'s frame has no RBSP escape, so the edge case was not exercised");
  }

  /** Null if e2ee4j decrypts {@code encrypted} to the expected bytes, else what went wrong. */
  String decryptInE2ee4j(String sender, FrameCase c, byte[] encrypted) {
    FrameResult r = cryptor(Direction.DECRYPT, sender, c).process(c.encodedFrame(encrypted, ParticipantId.of(sender)));
    if (r.status() != FrameResult.Status.DECRYPTED) {
      return "e2ee4j did not decrypt: " + r.describe();
    }
    if (!Arrays.equals(bytes(r.output()), c.expected())) {
      return "e2ee4j decrypted to other bytes";
    }
    return null;
  }

  private void record(String sender, FrameCase c, byte[] encrypted) {
    JsonObject f = c.json(encrypted);
    f.addProperty("participant", sender);
    f.addProperty("plaintextHex", HEX.formatHex(c.plaintext()));
    f.addProperty("expectedHex", HEX.formatHex(c.expected()));
    f.remove("dataHex");
    f.addProperty("encryptedHex", HEX.formatHex(encrypted));
    recordedFrames.add(f);
  }

  // ---- data packets ----

  /** A DataPacket built by @livekit/protocol in the harness; returns {packetHex, payloadHex}. */
  JsonObject buildPacket(String valueCase, JsonObject value) {
    JsonObject r = Harness.op("buildPacket");
    r.addProperty("valueCase", valueCase);
    r.add("value", value);
    return harness.call(r);
  }

  /** e2ee4j encrypts a packet, LiveKit's engine and worker decrypt it to the same value. */
  JsonObject packetE2ee4jToLiveKit(String sender, String valueCase, JsonObject built) {
    byte[] packet = HEX.parseHex(built.get("packetHex").getAsString());
    DataPacketResult sealed = new LiveKitDataPacketCryptor(provider, GCM, ParticipantId.of(sender)).encrypt(packet);
    if (sealed.status() != DataPacketResult.Status.ENCRYPTED) {
      failures.add(scenario + " data e2ee4j->livekit " + valueCase + ": e2ee4j did not encrypt: " + sealed.describe());
      return null;
    }
    // The SFU fills in the sender's identity; receivers pick the key by it.
    byte[] wire = DataPackets.withParticipantIdentity(sealed.packet(), sender);
    JsonObject r = Harness.op("decryptData");
    r.addProperty("worker", worker);
    r.addProperty("participant", sender);
    r.addProperty("wireHex", HEX.formatHex(wire));
    JsonObject got = harness.call(r);
    if (!got.get("delivered").getAsBoolean()) {
      failures.add(scenario + " data e2ee4j->livekit " + valueCase + ": LiveKit did not deliver it: " + got.get("messages"));
      return got;
    }
    JsonObject same = Harness.op("sameValue");
    same.addProperty("aHex", built.get("packetHex").getAsString());
    same.addProperty("bHex", got.get("packetHex").getAsString());
    JsonObject compared = harness.call(same);
    if (!compared.get("same").getAsBoolean()) {
      failures.add(scenario + " data e2ee4j->livekit " + valueCase + ": LiveKit delivered another value");
    } else if (!sender.equals(compared.get("participantIdentityB").getAsString())) {
      failures.add(scenario + " data e2ee4j->livekit " + valueCase + ": LiveKit delivered it from "
          + compared.get("participantIdentityB"));
    } else {
      packetsToLiveKit++;
    }
    return got;
  }

  /** LiveKit's engine and worker encrypt a packet, e2ee4j decrypts it to the same payload. */
  JsonObject packetLiveKitToE2ee4j(String sender, String valueCase, JsonObject built) {
    JsonObject r = Harness.op("encryptData");
    r.addProperty("worker", worker);
    r.addProperty("participant", sender);
    r.addProperty("packetHex", built.get("packetHex").getAsString());
    JsonObject sent = harness.call(r);
    if (!sent.get("encrypted").getAsBoolean()) {
      failures.add(scenario + " data livekit->e2ee4j " + valueCase + ": LiveKit did not encrypt it");
      return sent;
    }
    byte[] wire = DataPackets.withParticipantIdentity(ByteBuffer.wrap(HEX.parseHex(sent.get("wireHex").getAsString())), sender);
    byte[] expectedPayload = HEX.parseHex(built.get("payloadHex").getAsString());
    JsonObject rec = new JsonObject();
    rec.addProperty("participant", sender);
    rec.addProperty("valueCase", valueCase);
    rec.addProperty("wireHex", HEX.formatHex(wire));
    rec.addProperty("payloadHex", built.get("payloadHex").getAsString());
    recordedPackets.add(rec);
    String problem = decryptPacketInE2ee4j(wire, expectedPayload);
    if (problem != null) {
      failures.add(scenario + " data livekit->e2ee4j " + valueCase + ": " + problem);
    } else {
      packetsFromLiveKit++;
    }
    // With LiveKit's IV, e2ee4j must produce the same iv, key_index and encrypted_value.
    DataPacketResult again = new LiveKitDataPacketCryptor(provider, GCM, ParticipantId.of(sender))
        .insecureEncryptWithFixedIv(ByteBuffer.wrap(HEX.parseHex(built.get("packetHex").getAsString())),
            HEX.parseHex(sent.get("ivHex").getAsString()));
    if (again.status() != DataPacketResult.Status.ENCRYPTED) {
      failures.add(scenario + " data byte-exact " + valueCase + ": e2ee4j did not encrypt: " + again.describe());
    } else {
      JsonObject cmp = Harness.op("sameEncrypted");
      cmp.addProperty("aHex", sent.get("wireHex").getAsString());
      cmp.addProperty("bHex", HEX.formatHex(again.packetBytes()));
      if (!harness.call(cmp).get("same").getAsBoolean()) {
        failures.add(scenario + " data byte-exact " + valueCase + ": with LiveKit's IV e2ee4j sealed other bytes");
      } else {
        packetsByteExact++;
      }
    }
    return sent;
  }

  /** Null if e2ee4j opens {@code wire} to {@code expectedPayload}, else what went wrong. */
  String decryptPacketInE2ee4j(byte[] wire, byte[] expectedPayload) {
    DataPacketResult opened = new LiveKitDataPacketCryptor(provider, GCM, ParticipantId.of("e2ee4j-receiver"))
        .decrypt(wire);
    if (opened.status() != DataPacketResult.Status.DECRYPTED) {
      return "e2ee4j did not decrypt: " + opened.describe();
    }
    if (!Arrays.equals(opened.payloadBytesOrNull(), expectedPayload)) {
      return "e2ee4j decrypted another payload";
    }
    return null;
  }

  /** The worker's messages since the last request, as text (errors, ratchet events). */
  static String messages(JsonObject answer) {
    JsonElement m = answer.get("messages");
    return m == null ? "[]" : m.toString();
  }

  static byte[] bytes(ByteBuffer b) {
    ByteBuffer d = b.duplicate();
    byte[] out = new byte[d.remaining()];
    d.get(out);
    return out;
  }

  @Override
  public void close() {
    cryptors.values().forEach(FrameCryptor::close);
    provider.close();
    if (harness == null) {
      return;
    }
    JsonObject r = Harness.op("closeWorker");
    r.addProperty("worker", worker);
    harness.call(r);
  }
}
