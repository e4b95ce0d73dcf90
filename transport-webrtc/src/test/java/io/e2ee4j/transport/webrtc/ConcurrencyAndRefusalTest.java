package io.e2ee4j.transport.webrtc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.e2ee4j.api.E2eeState;
import io.e2ee4j.api.media.FrameCryptor;
import io.e2ee4j.api.media.FrameDropReason;
import io.e2ee4j.api.media.FrameResult;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** One cryptor shared by threads never repeats an IV; a sender that cannot get an IV refuses to send. */
class ConcurrencyAndRefusalTest {

  @Test
  void threadsSharingACryptorGetDistinctIvsAndDecryptableFrames() throws Exception {
    Rig rig = Rig.shared(0, -1).sharedKey(0, "threads");
    FrameCryptor tx = rig.sender();
    FrameCryptor rx = rig.receiver();
    Set<String> ivs = ConcurrentHashMap.newKeySet();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int seed = t;
        done.add(pool.submit(() -> {
          int ok = 0;
          for (int i = 0; i < 2_000; i++) {
            byte[] p = Rig.random(seed * 10_000L + i, 64);
            p[4] = 0; // zero runs make H.264 escaping busy
            p[5] = 0;
            byte[] h264 = Reference.concat(Rig.hex("0000000165"), p);
            FrameResult back = rx.process(Rig.video("video/H264", true,
                Rig.bytes(tx.process(Rig.video("video/H264", true, h264)))));
            if (back.status() == FrameResult.Status.DECRYPTED && Rig.hex(Rig.bytes(back)).equals(Rig.hex(h264))) {
              ok++;
            }
            byte[] audio = Rig.bytes(tx.process(Rig.audio(p)));
            ivs.add(Rig.hex(Reference.range(audio, audio.length - 14, audio.length - 2)));
          }
          return ok;
        }));
      }
      int ok = 0;
      for (Future<Integer> f : done) {
        ok += f.get();
      }
      assertEquals(8_000, ok);
    } finally {
      pool.shutdownNow();
    }
    assertEquals(8_000, ivs.size(), "an IV repeated under the shared key");
  }

  @Test
  void aSenderWhoseIvSourceFailsDropsWithEncryptionFailedAndEmitsNothing() {
    Rig rig = Rig.shared(0, -1).sharedKey(0, "refuse");
    FrameCryptor tx = rig.sender(Rig.ALICE, b -> b.insecureIvSourceForTesting((frame, dst, len) -> {
      throw new IllegalStateException("no IV for you");
    }));
    ByteBuffer out = ByteBuffer.allocate(200);
    FrameResult r = tx.process(Rig.audio(Rig.random(1, 50)), out);
    assertEquals(FrameDropReason.ENCRYPTION_FAILED, r.dropReasonOrNull());
    assertEquals(0, out.position());
    assertEquals(E2eeState.ENCRYPTION_FAILED, tx.state());
  }

  @Test
  void aSenderWhoseKeyWasDestroyedRefusesToEncrypt() {
    Rig rig = Rig.shared(0, -1).sharedKey(0, "destroyed");
    FrameCryptor tx = rig.sender();
    assertEquals(FrameResult.Status.ENCRYPTED, tx.process(Rig.audio(Rig.random(2, 50))).status());
    rig.handler(Rig.ALICE).keyOrNull(0).destroy();
    FrameResult r = tx.process(Rig.audio(Rig.random(3, 50)));
    assertEquals(FrameDropReason.ENCRYPTION_FAILED, r.dropReasonOrNull());
    assertTrue(tx.stateReason().contains("encryption failed"), tx.stateReason());
  }

  @Test
  void framesOverTheSizeLimit_areDroppedBeforeAnyWork_bothWays() {
    Rig rig = Rig.shared(0, -1).sharedKey(0, "limit");
    FrameCryptor tx = rig.sender(Rig.ALICE, b -> b.maxFrameBytes(1000));
    FrameCryptor rx = rig.receiver(Rig.ALICE, b -> b.maxFrameBytes(1000));
    ByteBuffer out = ByteBuffer.allocate(4000);
    assertEquals(FrameResult.Status.ENCRYPTED, tx.process(Rig.audio(Rig.random(2, 1000)), out).status());
    out.clear();
    FrameResult tooLongToSend = tx.process(Rig.audio(Rig.random(3, 1001)), out);
    assertEquals(FrameDropReason.FRAME_TOO_LARGE, tooLongToSend.dropReasonOrNull());
    assertEquals(0, out.position());
    assertEquals(E2eeState.ENCRYPTION_FAILED, tx.state());
    FrameResult tooLongReceived = rx.process(Rig.audio(Rig.random(4, 50_000)), out);
    assertEquals(FrameDropReason.FRAME_TOO_LARGE, tooLongReceived.dropReasonOrNull());
    assertEquals(E2eeState.DECRYPTION_FAILED, rx.state());
  }

  @Test
  void theDefaultSizeLimit_isEightMebibytes() {
    Rig rig = Rig.shared(0, -1).sharedKey(0, "default limit");
    FrameCryptor rx = rig.receiver();
    assertEquals(8 << 20, rx.config().maxFrameBytes());
    ByteBuffer huge = ByteBuffer.allocate((8 << 20) + 1);
    assertEquals(FrameDropReason.FRAME_TOO_LARGE,
        rx.process(Rig.video("video/H264", true, huge.array()), ByteBuffer.allocate(16)).dropReasonOrNull());
  }
}
