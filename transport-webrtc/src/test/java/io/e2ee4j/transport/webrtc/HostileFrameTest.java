package io.e2ee4j.transport.webrtc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.e2ee4j.api.E2eeStateEvent.Direction;
import io.e2ee4j.api.media.EncodedFrame;
import io.e2ee4j.api.media.FrameCryptor;
import io.e2ee4j.api.media.FrameDropReason;
import io.e2ee4j.api.media.FrameResult;
import io.e2ee4j.api.media.MediaKind;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Tampered, truncated, oversized and random frames: always a drop with a reason, never an exception
 * out of the hot path, never plaintext of a frame that did not authenticate.
 */
class HostileFrameTest {

  private static final String[] MIMES = {null, "video/VP8", "video/VP9", "video/H264", "video/H265", "video/AV1"};

  private static List<EncodedFrame> sampleFrames() {
    List<EncodedFrame> frames = new ArrayList<>();
    frames.add(Rig.audio(Rig.random(1, 40)));
    frames.add(Rig.video("video/VP8", true, Rig.random(2, 40)));
    frames.add(Rig.video("video/VP8", false, Rig.random(3, 40)));
    frames.add(Rig.video("video/VP9", false, Rig.random(4, 40)));
    frames.add(Rig.video("video/H264", true, Rig.hex("00000001" + "6742c01fda" + "00000001" + "68ce3c80"
        + "000001" + "658884000000010203000000")));
    frames.add(Rig.video("video/H265", true, Rig.hex("00000001" + "40010c01" + "00000001" + "2601af00000001aabb")));
    // SSRC 1 / timestamp 0x100 with LiveKit's IV layout puts escapes in the IV region as well.
    frames.add(EncodedFrame.video(ByteBuffer.wrap(Rig.hex("00000001419acfab40853b2262f93c3d27d7cc1e")),
        "video/H264", false, 1, 256, Rig.ALICE));
    return frames;
  }

  @Test
  void anySingleChangedByteInAnyRegionGivesADropWithAReason() {
    List<String> failures = new ArrayList<>();
    int checked = 0;
    for (EncodedFrame frame : sampleFrames()) {
      Rig rig = Rig.shared(0, -1).sharedKey(0, "tamper");
      FrameCryptor tx = rig.sender(Rig.ALICE, b -> b.insecureIvSourceForTesting(
          io.e2ee4j.api.media.InsecureIvSource.insecureLiveKitLayout(0)));
      byte[] enc = Rig.bytes(tx.process(frame));
      FrameCryptor rx = rig.receiver();
      assertEquals(FrameResult.Status.DECRYPTED, rx.process(Rig.with(frame, enc)).status(), frame.toString());
      for (int i = 0; i < enc.length; i++) {
        for (int flip : new int[] {0x01, 0x80, 0xff}) {
          byte[] bad = enc.clone();
          bad[i] ^= (byte) flip;
          FrameResult r = rx.process(Rig.with(frame, bad));
          checked++;
          if (r.isForwarded() || r.dropReasonOrNull() == null
              || r.dropReasonOrNull() == FrameDropReason.INTERNAL_ERROR) {
            failures.add(frame + " byte " + i + " ^" + flip + ": " + r);
          }
        }
      }
    }
    System.out.println("[tamper] " + checked + " single-byte changes, all dropped with a reason");
    assertEquals(List.of(), failures);
  }

  @Test
  void everyTruncationIsDroppedOrPassedEmptyNeverThrown() {
    List<String> failures = new ArrayList<>();
    for (EncodedFrame frame : sampleFrames()) {
      Rig rig = Rig.shared(4, 2).sharedKey(0, "truncate");
      byte[] enc = Rig.bytes(rig.sender().process(frame));
      FrameCryptor rx = rig.receiver();
      for (int n = 0; n < enc.length; n++) {
        FrameResult r = rx.process(Rig.with(frame, java.util.Arrays.copyOf(enc, n)));
        boolean ok = n == 0 ? r.status() == FrameResult.Status.PASSED_THROUGH
            : !r.isForwarded() && r.dropReasonOrNull() != FrameDropReason.INTERNAL_ERROR;
        if (!ok) {
          failures.add(frame + " cut to " + n + ": " + r);
        }
      }
    }
    assertEquals(List.of(), failures);
  }

  @Test
  void randomFramesOfEveryKindNeverThrowAndNeverDecrypt() {
    Random rnd = new Random(42);
    Rig rig = Rig.shared(3, 5).sharedKey(0, "random").sharedKey(1, "random-1");
    FrameCryptor rx = rig.receiver(Rig.ALICE, b -> b.frameMetadataTrailer(true));
    FrameCryptor tx = rig.sender(Rig.ALICE, b -> b.frameMetadataTrailer(true));
    List<String> failures = new ArrayList<>();
    int roundTrips = 0;
    for (int i = 0; i < 20_000; i++) {
      int len = rnd.nextInt(8) == 0 ? rnd.nextInt(4) : rnd.nextInt(200);
      byte[] b = new byte[len];
      rnd.nextBytes(b);
      // Sprinkle start codes, escapes, trailers and zero runs so the parsers see their edge cases.
      for (int k = 0; k < len / 8; k++) {
        int at = rnd.nextInt(len);
        byte[] motif = switch (rnd.nextInt(5)) {
          case 0 -> new byte[] {0, 0, 1};
          case 1 -> new byte[] {0, 0, 0, 1, 0x65};
          case 2 -> new byte[] {0, 0, 3};
          case 3 -> new byte[] {'L', 'K', 'T', 'S'};
          default -> new byte[] {0x0c, (byte) rnd.nextInt(3)};
        };
        System.arraycopy(motif, 0, b, at, Math.min(motif.length, len - at));
      }
      MediaKind kind = rnd.nextInt(4) == 0 ? MediaKind.AUDIO : MediaKind.VIDEO;
      EncodedFrame f = new EncodedFrame(ByteBuffer.wrap(b), kind, MIMES[rnd.nextInt(MIMES.length)], rnd.nextBoolean(),
          rnd.nextInt(), rnd.nextInt(), Rig.ALICE, null);
      FrameResult r = rx.process(f);
      if (r.status() == FrameResult.Status.DECRYPTED || r.dropReasonOrNull() == FrameDropReason.INTERNAL_ERROR) {
        failures.add("receive " + Rig.hex(b) + ": " + r);
      }
      FrameResult s = tx.process(f);
      if (s.dropReasonOrNull() == FrameDropReason.INTERNAL_ERROR) {
        failures.add("send " + Rig.hex(b) + ": " + s);
      }
      if (s.status() == FrameResult.Status.ENCRYPTED) {
        FrameResult back = rx.process(f.withPayload(s.output()));
        if (back.status() != FrameResult.Status.DECRYPTED
            || !withoutFourByteStartCodes(Rig.bytes(back)).equals(withoutFourByteStartCodes(b))) {
          failures.add("round trip " + f + " " + Rig.hex(b) + ": " + back);
        } else {
          roundTrips++;
        }
      }
      if (failures.size() > 20) {
        break;
      }
    }
    System.out.println("[random] 20000 frames each way; " + roundTrips + " encrypted ones decrypted back");
    assertEquals(List.of(), failures);
    assertTrue(roundTrips > 5_000, "too few round trips: " + roundTrips);
  }

  /** The frame in hex with 4-byte start codes shortened: equal for a frame and its normalised form. */
  private static String withoutFourByteStartCodes(byte[] b) {
    String h = Rig.hex(b);
    String prev;
    do {
      prev = h;
      h = h.replace("00000001", "000001");
    } while (!h.equals(prev));
    return h;
  }

  @Test
  void oversizedFramesAndShortOutputBuffersAreHandledWithoutThrowing() {
    Rig rig = Rig.shared(2, -1).sharedKey(0, "big");
    FrameCryptor tx = rig.sender();
    FrameCryptor rx = rig.receiver();
    byte[] big = Rig.random(5, 4 << 20);
    FrameResult garbage = rx.process(Rig.video("video/H264", true, big));
    assertTrue(!garbage.isForwarded() && garbage.dropReasonOrNull() != FrameDropReason.INTERNAL_ERROR);
    FrameResult enc = tx.process(Rig.video("video/VP8", true, big));
    assertEquals(FrameResult.Status.ENCRYPTED, enc.status());
    assertArrayEquals(big, Rig.bytes(rx.process(Rig.video("video/VP8", true, Rig.bytes(enc)))));

    ByteBuffer small = ByteBuffer.allocate(10);
    FrameResult tooSmall = tx.process(Rig.audio(Rig.random(6, 100)), small);
    assertEquals(FrameDropReason.OUTPUT_TOO_SMALL, tooSmall.dropReasonOrNull());
    assertEquals(0, small.position());
    byte[] ok = Rig.bytes(tx.process(Rig.audio(Rig.random(6, 100))));
    assertEquals(FrameDropReason.OUTPUT_TOO_SMALL, rx.process(Rig.audio(ok), small).dropReasonOrNull());
  }

  @Test
  void payloadAndOutputMayBeDirectBuffersAtAnyPosition() {
    Rig rig = Rig.shared(0, -1).sharedKey(0, "direct");
    byte[] plain = Rig.hex("000001" + "6742c01fda" + "00000001" + "65888400000001020304");
    ByteBuffer in = ByteBuffer.allocateDirect(plain.length + 9);
    in.position(5);
    in.put(plain);
    in.position(5).limit(5 + plain.length);
    FrameCryptor tx = rig.sender();
    ByteBuffer out = ByteBuffer.allocateDirect(tx.maxOutputSize(plain.length) + 7);
    out.position(7);
    FrameResult r = tx.process(EncodedFrame.video(in, "video/H264", true, 7, 7, Rig.ALICE), out);
    assertEquals(FrameResult.Status.ENCRYPTED, r.status());
    assertEquals(5, in.position(), "payload position untouched");
    assertEquals(7 + r.length(), out.position());
    ByteBuffer back = ByteBuffer.allocateDirect(r.length() + 3);
    back.position(3);
    FrameResult d = rig.receiver().process(EncodedFrame.video(r.output(), null, true, 7, 7, Rig.ALICE), back);
    assertEquals(FrameResult.Status.DECRYPTED, d.status(), d.toString());
    assertEquals(Rig.hex(Rig.hex("00000001" + "6742c01fda" + "00000001" + "65888400000001020304")),
        Rig.hex(Rig.bytes(d)));
  }

  @Test
  void aClosedCryptorDropsEverything() {
    Rig rig = Rig.shared(0, -1).sharedKey(0, "closed");
    FrameCryptor tx = rig.sender();
    tx.close();
    assertTrue(tx.isClosed());
    assertEquals(FrameDropReason.CLOSED, tx.process(Rig.audio(Rig.random(1, 10))).dropReasonOrNull());
    assertEquals(List.of(), rig.states(Direction.ENCRYPT));
  }
}
