package io.e2ee4j.transport.webrtc;

import static io.e2ee4j.transport.webrtc.Rig.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.e2ee4j.api.KeyProviderOptions;
import io.e2ee4j.api.media.EncodedFrame;
import io.e2ee4j.api.media.FrameCryptor;
import io.e2ee4j.api.media.FrameMetadata;
import io.e2ee4j.api.media.FrameResult;
import io.e2ee4j.api.media.PassThroughReason;
import org.junit.jupiter.api.Test;

/** The LKTS frame-metadata trailer (spec 1.10): appended after the E2EE trailer, stripped before decryption. */
class FrameMetadataTrailerTest {

  private static final FrameMetadata META = FrameMetadata.empty()
      .withUserTimestampMicros(0x0102030405060708L).withFrameId(0x0a0b0c0d);

  @Test
  void senderAppendsTheTrailerInTheSpecifiedLayout() {
    Rig rig = Rig.shared(0, -1).sharedKey(0, "k");
    FrameCryptor tx = rig.sender(Rig.ALICE, b -> b.frameMetadataTrailer(true));
    FrameResult r = tx.process(Rig.video("video/VP8", true, Rig.random(1, 50)).withMetadata(META));
    String out = hex(Rig.bytes(r));
    // TLVs XOR 0xFF: tag 1 len 8 ts, tag 2 len 4 id; trailerLen 21 -> 0xea; "LKTS".
    String expected = "fef7" + "fefdfcfbfaf9f8f7" + "fdfb" + "f5f4f3f2" + "ea" + "4c4b5453";
    assertTrue(out.endsWith(expected), out);
    assertEquals(META, r.metadataOrNull());
    // The E2EE trailer sits right before it.
    assertEquals("0c00", out.substring(out.length() - expected.length() - 4, out.length() - expected.length()));
  }

  @Test
  void receiverStripsTheTrailerBeforeDecryptionAndHandsOverTheFields() {
    Rig rig = Rig.shared(0, -1).sharedKey(0, "k");
    byte[] plain = Rig.random(2, 50);
    FrameMetadata withData = META.withUserData(new byte[] {1, 2, 3});
    byte[] enc = Rig.bytes(rig.sender(Rig.ALICE, b -> b.frameMetadataTrailer(true))
        .process(Rig.video("video/VP8", false, plain).withMetadata(withData)));
    FrameCryptor rx = rig.receiver(Rig.ALICE, b -> b.frameMetadataTrailer(true));
    FrameResult r = rx.process(Rig.video("video/VP8", false, enc));
    assertEquals(FrameResult.Status.DECRYPTED, r.status(), r.toString());
    assertArrayEquals(plain, Rig.bytes(r));
    assertEquals(withData, r.metadataOrNull());
    assertEquals(withData, rx.lastMetadataOrNull());
    // A receiver not told about the trailer leaves it on, and the frame does not decrypt.
    assertFalse(rig.receiver().process(Rig.video("video/VP8", false, enc)).isForwarded());
  }

  @Test
  void framesWithoutATrailerOrWithABrokenOneAreLeftAlone() {
    Rig rig = Rig.shared(0, -1).sharedKey(0, "k");
    byte[] plain = Rig.random(3, 50);
    byte[] enc = Rig.bytes(rig.sender().process(Rig.video("video/VP8", true, plain)));
    FrameCryptor rx = rig.receiver(Rig.ALICE, b -> b.frameMetadataTrailer(true));
    FrameResult r = rx.process(Rig.video("video/VP8", true, enc));
    assertEquals(FrameResult.Status.DECRYPTED, r.status());
    assertNull(r.metadataOrNull());
    // "LKTS" with a length byte larger than the frame: not a trailer, nothing stripped.
    byte[] bogus = Reference.concat(Rig.random(4, 3), hex("00" + "4c4b5453"));
    assertEquals(bogus.length, MetadataLength.of(bogus));
  }

  @Test
  void aServerInjectedFrameBehindAMetadataTrailerIsStillRecognised() {
    byte[] sif = "LK-ROCKS".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    Rig rig = new Rig(KeyProviderOptions.builder().sharedKey(true).sifTrailer(sif).build()).sharedKey(0, "k");
    byte[] blank = hex("1002009d012a080008000047088585888584880202000c0d6000feffab5080");
    String lkts = "fdfb" + "f5f4f3f2" + "f4" + "4c4b5453"; // frame id only, trailerLen 11
    EncodedFrame f = Rig.video(null, true, Reference.concat(blank, sif, hex(lkts)));
    FrameResult r = rig.receiver(Rig.ALICE, b -> b.frameMetadataTrailer(true)).process(f);
    assertEquals(PassThroughReason.SERVER_INJECTED_FRAME, r.passThroughReasonOrNull(), r.toString());
    assertArrayEquals(blank, Rig.bytes(r));
    assertEquals(0x0a0b0c0d, r.metadataOrNull().frameId().getAsInt());
  }

  /** What remains of a frame after trailer stripping, through the public cryptor API. */
  private static final class MetadataLength {
    static int of(byte[] frame) {
      Rig rig = new Rig(KeyProviderOptions.builder().sharedKey(true).build());
      FrameResult r = rig.receiver(Rig.ALICE, b -> b.enabled(false)
          .unencryptedFramePolicy(io.e2ee4j.api.media.UnencryptedFramePolicy.ACCEPT).frameMetadataTrailer(true))
          .process(Rig.video(null, true, frame));
      return r.length();
    }
  }
}
