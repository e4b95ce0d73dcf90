package io.e2ee4j.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.e2ee4j.api.E2eeStateEvent.Direction;
import io.e2ee4j.api.KeyEvent;
import io.e2ee4j.api.KeyMaterial;
import io.e2ee4j.api.KeyProviderListener;
import io.e2ee4j.api.KeyProviderOptions;
import io.e2ee4j.api.ParticipantId;
import io.e2ee4j.api.data.DataPacketResult;
import io.e2ee4j.api.media.FrameCryptor;
import io.e2ee4j.api.media.FrameCryptorConfig;
import io.e2ee4j.api.media.FrameResult;
import io.e2ee4j.core.DefaultKeyProvider;
import io.e2ee4j.transport.datachannel.LiveKitDataPacketCryptor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Where LiveKit's SDKs differ from each other (spec section 7), which behaviour e2ee4j follows,
 * shown against LiveKit's own JS worker. Each test names the behaviour it pins.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveKitJsDifferencesTest {

  private static final ParticipantId ALICE = ParticipantId.of("alice");
  private static final JsonObject GAP_KEY = material("auto-ratchet gap passphrase");

  private Harness harness;
  private long seed;

  @BeforeAll
  void start() {
    harness = Harness.startOrSkip();
    seed = Long.getLong("e2ee4j.interop.seed", System.nanoTime());
    System.out.println("[interop] differences seed " + seed);
  }

  @AfterAll
  void stop() {
    if (harness != null) {
      harness.close();
    }
  }

  private static JsonObject material(String passphrase) {
    JsonObject m = new JsonObject();
    m.addProperty("type", "passphrase");
    m.addProperty("utf8", passphrase);
    return m;
  }

  private static JsonObject perParticipant(int window, int tolerance) {
    JsonObject o = new JsonObject();
    o.addProperty("sharedKey", false);
    o.addProperty("ratchetWindowSize", window);
    o.addProperty("failureTolerance", tolerance);
    return o;
  }

  /** Frames LiveKit encrypted with alice's key ratcheted {@code gap} times. */
  private List<Map.Entry<FrameCase, byte[]>> sentAfterRatchets(int gap, SplittableRandom r) {
    String sender = "gap-sender-" + gap;
    harness.newWorker(sender, 11, perParticipant(0, -1));
    harness.enable(sender, "alice");
    harness.setKey(sender, "alice", GAP_KEY, 0);
    for (int i = 0; i < gap; i++) {
      harness.ratchet(sender, "alice", 0);
    }
    List<FrameCase> frames = new ArrayList<>();
    for (String family : List.of("opus", "vp8-key", "h264-idr-single-slice", "h265-idr")) {
      for (int i = 0; i < 3; i++) {
        frames.add(FrameCase.generate(family, r));
      }
    }
    JsonArray batch = new JsonArray();
    frames.forEach(c -> batch.add(c.json(c.plaintext())));
    JsonArray results = harness.frames("encrypt", sender, "alice", batch).getAsJsonArray("results");
    List<Map.Entry<FrameCase, byte[]>> out = new ArrayList<>();
    for (int i = 0; i < frames.size(); i++) {
      out.add(Map.entry(frames.get(i), InteropRun.HEX.parseHex(results.get(i).getAsJsonObject().get("dataHex").getAsString())));
    }
    return out;
  }

  /** How many of the frames LiveKit's receiver (window 8, tolerance 10, the un-ratcheted key) decrypts. */
  private int liveKitDecrypts(int gap, List<Map.Entry<FrameCase, byte[]>> frames, List<String> messages) {
    String receiver = "gap-receiver-" + gap;
    harness.newWorker(receiver, 12, perParticipant(8, 10));
    harness.enable(receiver, "alice");
    harness.setKey(receiver, "alice", GAP_KEY, 0);
    JsonArray batch = new JsonArray();
    frames.forEach(e -> batch.add(e.getKey().json(e.getValue())));
    JsonObject answer = harness.frames("decrypt", receiver, "alice", batch);
    answer.getAsJsonArray("messages").forEach(m -> messages.add(m.toString()));
    int ok = 0;
    JsonArray results = answer.getAsJsonArray("results");
    for (int i = 0; i < frames.size(); i++) {
      JsonObject res = results.get(i).getAsJsonObject();
      if (!res.has("dropped")
          && Arrays.equals(InteropRun.HEX.parseHex(res.get("dataHex").getAsString()), frames.get(i).getKey().expected())) {
        ok++;
      }
    }
    return ok;
  }

  /** How many of the frames e2ee4j's receiver (window 8, tolerance 10, the un-ratcheted key) decrypts. */
  private static int e2ee4jDecrypts(List<Map.Entry<FrameCase, byte[]>> frames) {
    KeyProviderOptions options = KeyProviderOptions.builder().sharedKey(false).ratchetWindowSize(8)
        .failureTolerance(10).build();
    // Ratchet steps derived on this thread, to pin the algorithm; in a real receiver steps past the
    // first are derived on the key provider's own thread, and the frames before it is done drop.
    try (DefaultKeyProvider keys = new DefaultKeyProvider(options, System::nanoTime, Runnable::run)) {
      keys.setKey(ALICE, 0, KeyMaterial.fromPassphrase(GAP_KEY.get("utf8").getAsString()));
      Map<String, FrameCryptor> receivers = new HashMap<>();
      int ok = 0;
      for (Map.Entry<FrameCase, byte[]> e : frames) {
        FrameCase c = e.getKey();
        FrameCryptor rx = receivers.computeIfAbsent(c.family(), f -> InteropRun.FRAMES.create(
            FrameCryptorConfig.builder(ALICE, f, Direction.DECRYPT, keys.keyHandler(ALICE), InteropRun.GCM)
                .options(options).build()));
        FrameResult r = rx.process(c.encodedFrame(e.getValue(), ALICE));
        if (r.status() == FrameResult.Status.DECRYPTED && Arrays.equals(InteropRun.bytes(r.output()), c.expected())) {
          ok++;
        }
      }
      receivers.values().forEach(FrameCryptor::close);
      return ok;
    }
  }

  @Test
  void autoRatchetGapOfOne_bothDecrypt_gapOfTwo_liveKitJsDrops_e2ee4jDecryptsLikeNative() {
    SplittableRandom r = new SplittableRandom(seed);
    List<String> failures = new ArrayList<>();
    for (int gap = 1; gap <= 2; gap++) {
      List<Map.Entry<FrameCase, byte[]>> frames = sentAfterRatchets(gap, r);
      List<String> messages = new ArrayList<>();
      int liveKit = liveKitDecrypts(gap, frames, messages);
      int e2ee4j = e2ee4jDecrypts(frames);
      System.out.println("[interop] auto-ratchet gap " + gap + ": LiveKit JS decrypted " + liveKit + "/" + frames.size()
          + ", e2ee4j " + e2ee4j + "/" + frames.size());
      int liveKitExpected = gap == 1 ? frames.size() : 0;
      if (liveKit != liveKitExpected) {
        failures.add("gap " + gap + ": LiveKit JS decrypted " + liveKit + ", its one-step retry should give "
            + liveKitExpected + " " + messages);
      }
      if (gap == 2 && messages.stream().noneMatch(m -> m.contains("InvalidKey"))) {
        failures.add("gap 2: LiveKit JS reported no InvalidKey: " + messages);
      }
      if (e2ee4j != frames.size()) {
        failures.add("gap " + gap + ": e2ee4j decrypted " + e2ee4j + " of " + frames.size());
      }
    }
    assertEquals(List.of(), failures);
  }

  @Test
  void dataPacketEncryptionType_liveKitJsLeavesItUnset_e2ee4jWritesGcm_eachReadsTheOther() {
    List<String> failures = new ArrayList<>();
    Scenario s = Scenario.all().get(0);
    try (InteropRun run = new InteropRun(harness, s, 21, failures)) {
      JsonObject built = run.buildPacket("user", DataCases.value("user", new SplittableRandom(seed)));
      JsonObject fromJs = run.packetLiveKitToE2ee4j("alice", "user", built);
      if (fromJs.get("encryptionType").getAsInt() != 0) {
        failures.add("LiveKit JS wrote encryption_type " + fromJs.get("encryptionType") + ", expected unset (0)");
      }
      JsonObject readByJs = run.packetE2ee4jToLiveKit("alice", "user", built);
      if (readByJs == null || readByJs.get("encryptionType").getAsInt() != 1) {
        failures.add("LiveKit JS read encryption_type " + (readByJs == null ? null : readByJs.get("encryptionType"))
            + " from e2ee4j's packet, expected GCM (1) as the native SDKs write");
      }
    }
    assertEquals(List.of(), failures);
  }

  @Test
  void clearCasePackets_stayClear_inLiveKitJsAndE2ee4j() {
    List<String> failures = new ArrayList<>();
    Scenario s = Scenario.all().get(0);
    try (InteropRun run = new InteropRun(harness, s, 22, failures)) {
      JsonObject built = run.buildPacket("speaker", new JsonObject());
      JsonObject r = Harness.op("encryptData");
      r.addProperty("worker", run.worker);
      r.addProperty("participant", "alice");
      r.addProperty("packetHex", built.get("packetHex").getAsString());
      if (harness.call(r).get("encrypted").getAsBoolean()) {
        failures.add("LiveKit JS encrypted a speaker update");
      }
      DataPacketResult e = new LiveKitDataPacketCryptor(run.provider, InteropRun.GCM, ALICE)
          .encrypt(InteropRun.HEX.parseHex(built.get("packetHex").getAsString()));
      if (e.status() != DataPacketResult.Status.CLEAR) {
        failures.add("e2ee4j did not leave a speaker update clear: " + e.describe());
      }
    }
    assertEquals(List.of(), failures);
  }

  @Test
  void h264ThreeByteStartCodes_bothSendersNormaliseTheClearHeaderToFourByteStartCodes() {
    List<String> failures = new ArrayList<>();
    Scenario s = Scenario.all().get(0);
    SplittableRandom r = new SplittableRandom(seed);
    try (InteropRun run = new InteropRun(harness, s, 23, failures)) {
      for (int i = 0; i < 5; i++) {
        FrameCase c = FrameCase.generate("h264-3byte-startcodes", r);
        int header = clearHeaderLength(c.expected());
        JsonArray batch = new JsonArray();
        batch.add(c.json(c.plaintext()));
        byte[] js = InteropRun.HEX.parseHex(harness.frames("encrypt", run.worker, "alice", batch)
            .getAsJsonArray("results").get(0).getAsJsonObject().get("dataHex").getAsString());
        FrameCryptor tx = InteropRun.FRAMES.create(FrameCryptorConfig.builder(ALICE, "h264", Direction.ENCRYPT,
            run.provider.keyHandler(ALICE), InteropRun.GCM).options(run.provider.options()).build());
        byte[] java = InteropRun.bytes(tx.process(c.encodedFrame(c.plaintext(), ALICE)).output());
        tx.close();
        byte[] want = Arrays.copyOf(c.expected(), header);
        if (!Arrays.equals(Arrays.copyOf(js, header), want)) {
          failures.add("LiveKit JS clear header differs from the 4-byte-start-code form");
        }
        if (!Arrays.equals(Arrays.copyOf(java, header), want)) {
          failures.add("e2ee4j clear header differs from the 4-byte-start-code form");
        }
      }
    }
    assertEquals(List.of(), failures);
  }

  /** First slice NAL (type 5) after a 4-byte start code, + 2 (spec section 1.4). */
  private static int clearHeaderLength(byte[] f) {
    for (int i = 4; i < f.length; i++) {
      if (f[i - 4] == 0 && f[i - 3] == 0 && f[i - 2] == 0 && f[i - 1] == 1 && (f[i] & 0x1f) == 5) {
        return i + 2;
      }
    }
    throw new IllegalArgumentException("no slice");
  }

  @Test
  void sharedKeyRatchet_liveKitJsReportsNothing_e2ee4jReportsRatcheted() {
    Scenario s = Scenario.all().get(0);
    String worker = "shared-ratchet";
    s.setUpWorker(harness, worker, 31);
    JsonArray jsMessages = harness.ratchet(worker, "alice", 0);
    List<KeyEvent> events = new CopyOnWriteArrayList<>();
    try (DefaultKeyProvider keys = s.javaProvider(new ArrayList<>())) {
      keys.addListener(new KeyProviderListener() {
        @Override
        public void onKeyRatcheted(KeyEvent event) {
          events.add(event);
        }
      });
      keys.ratchetSharedKey(0);
    }
    assertEquals(0, jsMessages.size(), "LiveKit JS messages on a shared-key ratchet: " + jsMessages);
    assertEquals(List.of(KeyEvent.Type.RATCHETED), events.stream().map(KeyEvent::type).toList());
  }

  /** A server-injected frame case: payload, how it travels, and whether each side forwards it. */
  private record Sif(String name, String mime, boolean video, String payloadHex, boolean liveKitForwards,
      boolean e2ee4jForwards) {}

  @Test
  void serverInjectedFrames_bothForwardJsBlanks_onlyE2ee4jForwardsAnnexBH264Blank_bothDropUnknown() {
    byte[] trailer = "LK-ROCKS".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    String sps = "6742c01f0fd91f888884000003000400000300c83c60c920";
    String pps = "6887cb83cb20";
    String idr = "6588840af2628000a7be";
    List<Sif> cases = List.of(
        new Sif("vp8-blank-key", "video/VP8", true, "1002009d012a080008000047088585888584880202000c0d6000feffab5080", true, true),
        new Sif("opus-silence", "audio/opus", false, "f8fffe" + "00".repeat(77), true, true),
        new Sif("h264-bare-idr", "video/H264", true, idr, true, true),
        // JS pins only the bare NAL units; newer native accepts the Annex B form a receiver really
        // sees. e2ee4j forwards the union (spec section 1.8 recommendation).
        new Sif("h264-annexb-sps-pps-idr", "video/H264", true,
            "00000001" + sps + "00000001" + pps + "00000001" + idr, false, true),
        new Sif("unknown-payload", "video/VP8", true, "0102030405060708090a0b0c", false, false));
    String worker = "sif";
    harness.newWorker(worker, 41, perParticipant(0, -1));
    harness.enable(worker, "alice");
    harness.setKey(worker, "alice", GAP_KEY, 0);
    JsonObject sif = Harness.op("setSifTrailer");
    sif.addProperty("worker", worker);
    sif.addProperty("trailerHex", InteropRun.HEX.formatHex(trailer));
    harness.call(sif);
    KeyProviderOptions options = KeyProviderOptions.builder().sharedKey(false).ratchetWindowSize(0)
        .failureTolerance(-1).sifTrailer(trailer).build();
    List<String> failures = new ArrayList<>();
    try (DefaultKeyProvider keys = new DefaultKeyProvider(options)) {
      for (Sif c : cases) {
        byte[] payload = InteropRun.HEX.parseHex(c.payloadHex());
        byte[] frame = FrameCase.concat(payload, trailer);
        FrameCase fc = new FrameCase("sif-" + c.name(),
            c.video() ? io.e2ee4j.api.media.MediaKind.VIDEO : io.e2ee4j.api.media.MediaKind.AUDIO,
            c.mime(), true, 1234, 5678, frame, payload, false);
        JsonArray batch = new JsonArray();
        batch.add(fc.json(frame));
        JsonObject res = harness.frames("decrypt", worker, "alice", batch).getAsJsonArray("results").get(0)
            .getAsJsonObject();
        boolean jsForwarded = !res.has("dropped")
            && Arrays.equals(InteropRun.HEX.parseHex(res.get("dataHex").getAsString()), payload);
        FrameCryptor rx = InteropRun.FRAMES.create(FrameCryptorConfig.builder(ALICE, fc.family(), Direction.DECRYPT,
            keys.keyHandler(ALICE), InteropRun.GCM).options(options).build());
        FrameResult r = rx.process(fc.encodedFrame(frame, ALICE));
        rx.close();
        boolean javaForwarded = r.status() == FrameResult.Status.PASSED_THROUGH
            && Arrays.equals(InteropRun.bytes(r.output()), payload);
        if (jsForwarded != c.liveKitForwards()) {
          failures.add(c.name() + ": LiveKit JS " + (jsForwarded ? "forwarded" : "dropped") + " it");
        }
        if (javaForwarded != c.e2ee4jForwards()) {
          failures.add(c.name() + ": e2ee4j " + r.describe());
        }
      }
    }
    assertEquals(List.of(), failures);
  }

  @Test
  void dataPacketAfterOneRatchet_neitherLiveKitJsNorE2ee4jAutoRatchetsDataPackets() {
    String sender = "data-ratchet-sender";
    harness.newWorker(sender, 51, perParticipant(0, -1));
    harness.enable(sender, "alice");
    harness.setKey(sender, "alice", GAP_KEY, 0);
    harness.ratchet(sender, "alice", 0);
    String receiver = "data-ratchet-receiver";
    harness.newWorker(receiver, 52, perParticipant(8, 10));
    harness.enable(receiver, "alice");
    harness.setKey(receiver, "alice", GAP_KEY, 0);

    JsonObject build = Harness.op("buildPacket");
    build.addProperty("valueCase", "user");
    build.add("value", DataCases.value("user", new SplittableRandom(seed)));
    JsonObject built = harness.call(build);
    JsonObject enc = Harness.op("encryptData");
    enc.addProperty("worker", sender);
    enc.addProperty("participant", "alice");
    enc.addProperty("packetHex", built.get("packetHex").getAsString());
    byte[] wire = io.e2ee4j.transport.datachannel.DataPackets.withParticipantIdentity(
        java.nio.ByteBuffer.wrap(InteropRun.HEX.parseHex(harness.call(enc).get("wireHex").getAsString())), "alice");

    JsonObject dec = Harness.op("decryptData");
    dec.addProperty("worker", receiver);
    dec.addProperty("participant", "alice");
    dec.addProperty("wireHex", InteropRun.HEX.formatHex(wire));
    boolean jsDelivered = harness.call(dec).get("delivered").getAsBoolean();

    KeyProviderOptions options = KeyProviderOptions.builder().sharedKey(false).ratchetWindowSize(8)
        .failureTolerance(10).build();
    DataPacketResult r;
    // Ratchet steps derived on this thread, to pin the algorithm; in a real receiver steps past the
    // first are derived on the key provider's own thread, and the frames before it is done drop.
    try (DefaultKeyProvider keys = new DefaultKeyProvider(options, System::nanoTime, Runnable::run)) {
      keys.setKey(ALICE, 0, KeyMaterial.fromPassphrase(GAP_KEY.get("utf8").getAsString()));
      r = new LiveKitDataPacketCryptor(keys, InteropRun.GCM, ParticipantId.of("bob")).decrypt(wire);
    }
    assertEquals(List.of(false, DataPacketResult.Status.FAILED), List.of(jsDelivered, r.status()),
        "LiveKit JS delivered / e2ee4j status");
  }
}
