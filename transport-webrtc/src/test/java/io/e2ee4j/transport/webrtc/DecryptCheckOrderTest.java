package io.e2ee4j.transport.webrtc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.e2ee4j.api.E2eeState;
import io.e2ee4j.api.media.FrameCryptor;
import io.e2ee4j.api.media.FrameDropReason;
import io.e2ee4j.api.media.FrameResult;
import org.junit.jupiter.api.Test;

/**
 * The receive checks run in the order of spec section 1.7: K is the last byte, L (the IV length,
 * native's check) the one before it; then, as JS orders it, an invalid slot drops without an
 * attempt and an empty slot (or one past the ring) is MISSING_KEY and counts against the slot
 * (section 4.4); only then is the frame taken apart. A frame too short for its trailer that names
 * an empty slot with L = 12: LiveKit JS and native both report a missing key for it.
 */
class DecryptCheckOrderTest {

  private static Rig rig(int tolerance) {
    return Rig.shared(0, tolerance).sharedKey(0, "check-order");
  }

  @Test
  void aShortFrameNamingAnEmptySlotIsMissingKey() {
    FrameCryptor rx = rig(-1).receiver();
    FrameResult r = rx.process(Rig.audio(Rig.hex("aa0c05")));
    assertEquals(FrameDropReason.MISSING_KEY, r.dropReasonOrNull());
    assertEquals(5, r.keyIndex());
    assertEquals(E2eeState.MISSING_KEY, rx.state());
  }

  @Test
  void aWrongIvLengthByteIsStillAMalformedTrailerWhateverTheSlot() {
    FrameCryptor rx = rig(-1).receiver();
    FrameResult r = rx.process(Rig.audio(Rig.hex("aabbcc0d05")));
    assertEquals(FrameDropReason.MALFORMED_TRAILER, r.dropReasonOrNull());
    assertEquals(E2eeState.DECRYPTION_FAILED, rx.state());
  }

  @Test
  void aShortFrameNamingASlotPastTheRingIsMissingKey() {
    FrameCryptor rx = rig(-1).receiver();
    FrameResult r = rx.process(Rig.video("video/VP8", true, Rig.hex("00112233440cc8")));
    assertEquals(FrameDropReason.MISSING_KEY, r.dropReasonOrNull());
    assertEquals(200, r.keyIndex());
    assertEquals(E2eeState.MISSING_KEY, rx.state());
  }

  @Test
  void aMalformedFrameForAnInvalidSlotIsDroppedAsInvalidWithoutBeingParsed() {
    FrameCryptor rx = rig(0).receiver();
    // A well-formed frame that fails authentication makes slot 0 invalid (tolerance 0).
    byte[] forged = new byte[1 + 16 + 12 + 2];
    forged[forged.length - 2] = 0x0c;
    assertEquals(FrameDropReason.AUTHENTICATION_FAILED, rx.process(Rig.audio(forged)).dropReasonOrNull());
    // JS drops a frame for an invalid slot before taking it apart; so does a short one.
    FrameResult r = rx.process(Rig.audio(Rig.hex("aabb0c00")));
    assertEquals(FrameDropReason.KEY_INVALID, r.dropReasonOrNull());
    assertEquals(0, r.keyIndex());
    assertEquals(E2eeState.DECRYPTION_FAILED, rx.state());
  }
}
