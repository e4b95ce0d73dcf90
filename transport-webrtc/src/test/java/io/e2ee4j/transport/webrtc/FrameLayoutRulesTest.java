package io.e2ee4j.transport.webrtc;

import static io.e2ee4j.transport.webrtc.Rig.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.e2ee4j.api.E2eeState;
import io.e2ee4j.api.E2eeStateEvent.Direction;
import io.e2ee4j.api.KeyProviderOptions;
import io.e2ee4j.api.media.EncodedFrame;
import io.e2ee4j.api.media.FrameCryptor;
import io.e2ee4j.api.media.FrameDropReason;
import io.e2ee4j.api.media.FrameResult;
import io.e2ee4j.api.media.InsecureIvSource;
import io.e2ee4j.api.media.PassThroughReason;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** Each rule of spec section 1 by itself, checked against an independent rendering ({@link Reference}). */
class FrameLayoutRulesTest {

  private static final String MATERIAL = "rules-material";
  private static final byte[] IV = hex("a1a2a3a4a5a6a7a8a9aaabac");

  private static Rig rig() {
    return Rig.shared(0, -1).sharedKey(0, MATERIAL);
  }

  /** Encrypts with the fixed IV, checks the bytes equal the reference, and that a receiver restores {@code expectedPlain}. */
  private static byte[] check(Rig rig, EncodedFrame frame, byte[] header, byte[] body, boolean escape, int keyIndex,
      int keyBytes, byte[] expectedPlain) throws Exception {
    FrameCryptor tx = rig.sender(Rig.ALICE, b -> b.insecureIvSourceForTesting(InsecureIvSource.insecureFixedIv(IV)));
    FrameResult r = tx.process(frame);
    assertEquals(FrameResult.Status.ENCRYPTED, r.status(), r.toString());
    byte[] expected = Reference.frame(Reference.hkdfKey(MATERIAL, keyBytes), IV, keyIndex, header, body, escape);
    assertEquals(hex(expected), hex(Rig.bytes(r)));
    FrameResult back = rig.receiver().process(Rig.with(frame, Rig.bytes(r)));
    assertEquals(FrameResult.Status.DECRYPTED, back.status(), back.toString());
    assertEquals(hex(expectedPlain), hex(Rig.bytes(back)));
    return Rig.bytes(r);
  }

  private static byte[] check(EncodedFrame frame, int n, boolean escape) throws Exception {
    byte[] p = Rig.bytes(FrameResult.passedThrough(PassThroughReason.DISABLED, frame.payload(),
        frame.payload().position(), frame.length(), null));
    return check(rig(), frame, Reference.range(p, 0, n), Reference.range(p, n, p.length), escape, 0, 16, p);
  }

  @Test
  void audioKeepsOneClearByte() throws Exception {
    check(Rig.audio(Rig.random(1, 60)), 1, false);
  }

  @Test
  void vp8KeyFrameKeepsTenAndDeltaFrameThreeClearBytes() throws Exception {
    check(Rig.video("video/VP8", true, Rig.random(2, 80)), 10, false);
    check(Rig.video("video/VP8", false, Rig.random(3, 80)), 3, false);
  }

  @Test
  void vp9EncryptsTheWholeFrameWithEmptyAad() throws Exception {
    check(Rig.video("video/VP9", true, Rig.random(4, 70)), 0, false);
  }

  @Test
  void h264KeepsEverythingUpToTheFirstSlicePlusTwoAndEscapesTheTail() throws Exception {
    byte[] f = hex("00000001" + "6742c01fda" + "00000001" + "68ce3c80" + "00000001" + "65888400000001020304050607");
    int idr = 4 + 5 + 4 + 4 + 4;
    check(Rig.video("video/H264", true, f), idr + 2, true);
  }

  @Test
  void h264MultiSliceWithAudAndSeiClearsOnlyUpToTheFirstSlice() throws Exception {
    String aud = "00000001" + "09f0";
    String sei = "00000001" + "0605ffeeddccbb80";
    String slice1 = "00000001" + "419a1122334455667788";
    String slice2 = "00000001" + "4100aabbccddeeff0011";
    byte[] f = hex(aud + sei + slice1 + slice2);
    int firstSlice = (aud.length() + sei.length()) / 2 + 4;
    byte[] out = check(Rig.video("video/H264", false, f), firstSlice + 2, true);
    // The second slice (start code included) is encrypted: its header bytes do not appear after N.
    assertTrue(hex(Reference.range(out, firstSlice + 2, out.length)).indexOf("000000014100aabb") < 0);
  }

  @Test
  void h264ThreeByteStartCodesAreRewrittenToFourInTheClearHeader() throws Exception {
    byte[] f = hex("000001" + "6742c01fda" + "000001" + "68ce3c80" + "000001" + "65888400aabbccddeeff0011");
    byte[] normalised = hex("00000001" + "6742c01fda" + "00000001" + "68ce3c80" + "00000001" + "6588");
    int n = 3 + 5 + 3 + 4 + 3 + 2;
    byte[] body = Reference.range(f, n, f.length);
    check(rig(), Rig.video("video/H264", true, f), normalised, body, true, 0, 16,
        Reference.concat(normalised, body));
  }

  @Test
  void h265KeepsEverythingUpToTheFirstVclNalPlusTwo() throws Exception {
    String vps = "00000001" + "40010c01ffff";
    String sps = "00000001" + "420101016000";
    String pps = "00000001" + "4401c172b462";
    String idr = "00000001" + "2601af0011223344556677";
    byte[] f = hex(vps + sps + pps + idr);
    check(Rig.video("video/H265", true, f), (vps.length() + sps.length() + pps.length()) / 2 + 4 + 2, true);
  }

  @Test
  void unknownVideoCodecIsDetectedFromNalUnitsElseFollowsTheVp8Rule() throws Exception {
    byte[] h264 = hex("00000001" + "6742c01fda" + "00000001" + "65888400aabbccddeeff0011");
    check(Rig.video(null, true, h264), 4 + 5 + 4 + 2, true);
    byte[] opaque = Rig.random(5, 50);
    opaque[0] = 0x55; // leading data: NAL detection fails
    check(Rig.video(null, true, opaque), 10, false);
    check(Rig.video("video/unknown", false, opaque), 3, false);
  }

  @Test
  void aNalUnitStartingInTheLastThreeBytesIsIgnoredAsLiveKitJsDoes() throws Exception {
    // H.265 VCL NAL, then a final 2-byte NAL whose header reads as an H.264 slice (0x41). JS does
    // not register a NAL starting at index >= len - 3, so the frame is H.265 (N = VCL + 2), not
    // H.264 at the last NAL.
    String vps = "00000001" + "40010c01ffff";
    String idr = "00000001" + "2601af00112233";
    byte[] f = hex(vps + idr + "000001" + "4101");
    check(Rig.video("video/H265", true, f), vps.length() / 2 + 4 + 2, true);
  }

  @Test
  void aFinalShortNalUnitIsIgnoredSoTheFrameFallsBackToTheVp8Rule() throws Exception {
    // SPS, then an IDR NAL header at len-2: not registered, no slice, VP8 delta rule, no escaping.
    byte[] f = hex("00000001" + "6742c01fda" + "00000001" + "6588");
    check(Rig.video("video/H264", false, f), 3, false);
  }

  @Test
  void aFrameThatTheReceiverWouldSplitDifferentlyIsNotSentBroken() {
    // An IDR NAL header at index 9 of an 11-byte key frame: the sender's JS scan ignores it (VP8
    // key rule: 10 clear bytes, no escaping), but in the longer encrypted frame a receiver sees it
    // in the clear header as the first slice. It could never decrypt, so it is never sent.
    byte[] f = hex("00000001" + "6742" + "000001" + "6588");
    Rig rig = rig();
    FrameCryptor tx = rig.sender();
    ByteBuffer out = ByteBuffer.allocate(tx.maxOutputSize(f.length));
    FrameResult r = tx.process(Rig.video("video/H264", true, f), out);
    assertEquals(FrameDropReason.AMBIGUOUS_CLEAR_HEADER, r.dropReasonOrNull(), r.toString());
    assertEquals(0, out.position());
    assertEquals(E2eeState.ENCRYPTION_FAILED, tx.state());
  }

  @Test
  void rbspEscapesTheIvOfSsrcOne() throws Exception {
    byte[] f = hex("00000001419acfab40853b2262f93c3d27d7cc1eecec3d4edf795973b7b2");
    EncodedFrame frame = EncodedFrame.video(ByteBuffer.wrap(f), "video/H264", false, 1, 256, Rig.ALICE);
    Rig rig = rig();
    FrameCryptor tx = rig.sender(Rig.ALICE, b -> b.insecureIvSourceForTesting(InsecureIvSource.insecureLiveKitLayout(0xb17f)));
    FrameResult r = tx.process(frame);
    String out = hex(Rig.bytes(r));
    // IV 00000001 00000100 ... escaped: 00 00 03 00 01 and 00 00 03 01 00 (spec 1.4 step 6).
    assertTrue(out.contains("0000030001" + "0000030100"), out);
    FrameResult back = rig.receiver().process(Rig.with(frame, Rig.bytes(r)));
    assertEquals(hex(f), hex(Rig.bytes(back)));
  }

  @Test
  void keyIndexSeventeenLandsInSlotOneOfARingOfSixteen() throws Exception {
    Rig rig = Rig.shared(0, -1).sharedKey(17, MATERIAL);
    byte[] p = Rig.random(6, 40);
    byte[] out = check(rig, Rig.audio(p), Reference.range(p, 0, 1), Reference.range(p, 1, p.length), false, 1, 16, p);
    assertEquals(1, out[out.length - 1]);
  }

  @Test
  void aes256KeysFromKeySize256() throws Exception {
    Rig rig = new Rig(KeyProviderOptions.builder().sharedKey(true).keySizeBits(256).ratchetWindowSize(0).build())
        .sharedKey(0, MATERIAL);
    byte[] p = Rig.random(7, 40);
    check(rig, Rig.audio(p), Reference.range(p, 0, 1), Reference.range(p, 1, p.length), false, 0, 32, p);
  }

  @Test
  void av1IsRefusedOnSendWithAClearStateAndNothingEmitted() {
    Rig rig = rig();
    FrameCryptor tx = rig.sender();
    ByteBuffer out = ByteBuffer.allocate(tx.maxOutputSize(64));
    FrameResult r = tx.process(Rig.video("video/AV1", true, Rig.random(8, 64)), out);
    assertEquals(FrameDropReason.UNSUPPORTED_CODEC, r.dropReasonOrNull());
    assertEquals(0, out.position());
    assertEquals(E2eeState.INTERNAL_ERROR, tx.state());
    assertTrue(tx.stateReason().contains("unsupported codec"), tx.stateReason());
  }

  @Test
  void emptyFramesPassThroughBothWays() {
    Rig rig = rig();
    FrameResult s = rig.sender().process(Rig.audio(new byte[0]));
    FrameResult r = rig.receiver().process(Rig.audio(new byte[0]));
    assertEquals(PassThroughReason.EMPTY_FRAME, s.passThroughReasonOrNull());
    assertEquals(PassThroughReason.EMPTY_FRAME, r.passThroughReasonOrNull());
    assertEquals(0, s.length());
  }

  @Test
  void receiverRequiresTheIvLengthByteToEqualTheTypesIvLength() {
    Rig rig = rig();
    byte[] enc = Rig.bytes(rig.sender().process(Rig.audio(Rig.random(9, 30))));
    enc[enc.length - 2] = 0x10;
    FrameCryptor rx = rig.receiver();
    FrameResult r = rx.process(Rig.audio(enc));
    assertEquals(FrameDropReason.MALFORMED_TRAILER, r.dropReasonOrNull());
    assertEquals(E2eeState.DECRYPTION_FAILED, rx.state());
  }

  @Test
  void ivsComeFromTheKeyCounterAndNeverRepeat() {
    Rig rig = rig();
    FrameCryptor tx = rig.sender();
    java.util.Set<String> ivs = new java.util.HashSet<>();
    String prefix = null;
    for (int i = 0; i < 200; i++) {
      byte[] out = Rig.bytes(tx.process(Rig.audio(Rig.random(10, 20))));
      String iv = hex(Reference.range(out, out.length - 14, out.length - 2));
      assertTrue(ivs.add(iv), "IV repeated: " + iv);
      if (prefix == null) {
        prefix = iv.substring(0, 16);
      }
      assertEquals(prefix, iv.substring(0, 16), "random per-key prefix");
      assertEquals(i, Integer.parseUnsignedInt(iv.substring(16), 16), "32-bit counter");
    }
    assertNotEquals("0000000000000000", prefix);
  }

  @Test
  void aSenderWithoutAKeyDropsWithMissingKeyAndEmitsNothing() {
    Rig rig = Rig.shared(0, -1);
    FrameCryptor tx = rig.sender();
    ByteBuffer out = ByteBuffer.allocate(100);
    FrameResult r = tx.process(Rig.audio(Rig.random(11, 20)), out);
    assertEquals(FrameDropReason.MISSING_KEY, r.dropReasonOrNull());
    assertEquals(0, out.position());
    assertEquals(E2eeState.MISSING_KEY, tx.state());
    assertTrue(tx.stateReason().startsWith("missing key at index 0"), tx.stateReason());
  }

  @Test
  void disabledSenderPassesThroughOrDropsWhenAskedToDiscard() {
    Rig rig = rig();
    FrameCryptor tx = rig.sender(Rig.ALICE, b -> b.enabled(false));
    byte[] p = Rig.random(12, 20);
    FrameResult r = tx.process(Rig.audio(p));
    assertEquals(PassThroughReason.DISABLED, r.passThroughReasonOrNull());
    assertArrayEquals(p, Rig.bytes(r));
    tx.setEnabled(true);
    assertEquals(FrameResult.Status.ENCRYPTED, tx.process(Rig.audio(p)).status());

    Rig strict = new Rig(KeyProviderOptions.builder().sharedKey(true).discardFrameWhenCryptorNotReady(true).build())
        .sharedKey(0, MATERIAL);
    FrameResult d = strict.sender(Rig.ALICE, b -> b.enabled(false)).process(Rig.audio(p));
    assertEquals(FrameDropReason.NOT_READY, d.dropReasonOrNull());
  }

  @Test
  void disabledReceiverRefusesPlaintextByDefaultAndAcceptsItOnlyWhenTold() {
    Rig rig = rig();
    byte[] p = Rig.random(13, 20);
    FrameCryptor refuse = rig.receiver(Rig.ALICE, b -> b.enabled(false));
    FrameResult r = refuse.process(Rig.audio(p));
    assertEquals(FrameDropReason.PLAINTEXT_NOT_ALLOWED, r.dropReasonOrNull());
    assertEquals(E2eeState.INTERNAL_ERROR, refuse.state());
    assertTrue(refuse.stateReason().contains("plaintext where encryption is required"));
    assertTrue(rig.events.stream().anyMatch(e -> e.direction() == Direction.DECRYPT
        && e.participant().equals(Rig.ALICE) && e.state() == E2eeState.INTERNAL_ERROR));

    FrameCryptor accept = rig.receiver(Rig.ALICE, b -> b.enabled(false)
        .unencryptedFramePolicy(io.e2ee4j.api.media.UnencryptedFramePolicy.ACCEPT));
    FrameResult a = accept.process(Rig.audio(p));
    assertEquals(PassThroughReason.UNENCRYPTED_ACCEPTED, a.passThroughReasonOrNull());
    assertArrayEquals(p, Rig.bytes(a));
  }
}
