package io.e2ee4j.transport.webrtc;

import static io.e2ee4j.transport.webrtc.Rig.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.e2ee4j.api.E2eeState;
import io.e2ee4j.api.KeyProviderOptions;
import io.e2ee4j.api.media.EncodedFrame;
import io.e2ee4j.api.media.FrameCryptor;
import io.e2ee4j.api.media.FrameDropReason;
import io.e2ee4j.api.media.FrameResult;
import io.e2ee4j.api.media.PassThroughReason;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Server-injected frames (spec 1.8): known blanks pass with the trailer stripped, anything else drops. */
class ServerInjectedFrameTest {

  private static final byte[] TRAILER = "LK-ROCKS".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private static final String SPS = "6742c01f0fd91f888884000003000400000300c83c60c920";
  private static final String PPS = "6887cb83cb20";
  private static final String IDR = "6588840af2628000a7be";

  private static Rig sifRig() {
    return new Rig(KeyProviderOptions.builder().sharedKey(true).sifTrailer(TRAILER).build()).sharedKey(0, "k");
  }

  private static byte[] repeat(int b, int n) {
    byte[] a = new byte[n];
    Arrays.fill(a, (byte) b);
    return a;
  }

  @Test
  void everyKnownBlankPayloadPassesWithTheTrailerStripped() {
    byte[] opus = new byte[80];
    opus[0] = (byte) 0xf8;
    opus[1] = (byte) 0xff;
    opus[2] = (byte) 0xfe;
    Map<String, byte[]> blanks = Map.of(
        "vp8 8x8 key frame", hex("1002009d012a080008000047088585888584880202000c0d6000feffab5080"),
        "bare SPS", hex(SPS), "bare PPS", hex(PPS), "bare IDR", hex(IDR),
        "opus silence", opus,
        "opus RED primary", Reference.concat(new byte[] {0x6f}, opus),
        "PCMU", repeat(0xff, 160), "PCMA", repeat(0xd5, 160),
        "annex B SPS+PPS+IDR", hex("00000001" + SPS + "00000001" + PPS + "00000001" + IDR),
        "annex B IDR", hex("00000001" + IDR));
    List<String> failures = new ArrayList<>();
    for (Map.Entry<String, byte[]> e : blanks.entrySet()) {
      Rig rig = sifRig();
      FrameCryptor rx = rig.receiver();
      FrameResult r = rx.process(Rig.video(null, true, Reference.concat(e.getValue(), TRAILER)));
      if (r.passThroughReasonOrNull() != PassThroughReason.SERVER_INJECTED_FRAME
          || !hex(Rig.bytes(r)).equals(hex(e.getValue()))) {
        failures.add(e.getKey() + ": " + r);
      }
      if (rx.state() != E2eeState.NEW) {
        failures.add(e.getKey() + ": state " + rx.state());
      }
    }
    assertEquals(List.of(), failures);
  }

  @Test
  void anythingElseCarryingTheTrailerIsDroppedWithAReason() {
    Rig rig = sifRig();
    FrameCryptor rx = rig.receiver();
    byte[] almostVp8 = hex("1002009d012a080008000047088585888584880202000c0d6000feffab5081");
    for (byte[] payload : List.of(almostVp8, hex("00000001" + SPS), Rig.random(1, 50), new byte[0],
        repeat(0xff, 159))) {
      FrameResult r = rx.process(Rig.video(null, true, Reference.concat(payload, TRAILER)));
      assertEquals(FrameDropReason.UNKNOWN_SIF_PAYLOAD, r.dropReasonOrNull(), r.toString());
    }
    assertEquals(E2eeState.DECRYPTION_FAILED, rx.state());
    assertTrue(rx.stateReason().contains("unknown SIF payload"), rx.stateReason());
    assertEquals(1, rig.events.size());
  }

  @Test
  void aFrameCarryingTheTrailerIsNeverDecrypted() {
    Rig rig = sifRig();
    byte[] enc = Rig.bytes(rig.sender().process(Rig.audio(Rig.random(2, 40))));
    FrameResult r = rig.receiver().process(Rig.audio(Reference.concat(enc, TRAILER)));
    assertEquals(FrameDropReason.UNKNOWN_SIF_PAYLOAD, r.dropReasonOrNull());
    // Without the trailer the same frame decrypts.
    assertEquals(FrameResult.Status.DECRYPTED, rig.receiver().process(Rig.audio(enc)).status());
  }

  @Test
  void withoutAConfiguredTrailerABlankFrameIsTreatedAsEncryptedAndDropped() {
    Rig rig = Rig.shared(0, -1).sharedKey(0, "k");
    EncodedFrame f = Rig.video(null, true,
        Reference.concat(hex("1002009d012a080008000047088585888584880202000c0d6000feffab5080"), TRAILER));
    FrameResult r = rig.receiver().process(f);
    assertFalse(r.isForwarded(), r.toString());
  }
}
