package io.e2ee4j.transport.webrtc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.e2ee4j.api.E2eeStateEvent.Direction;
import io.e2ee4j.api.media.EncodedFrame;
import io.e2ee4j.api.media.FrameCryptor;
import io.e2ee4j.api.media.FrameCryptorConfig;
import io.e2ee4j.api.media.FrameResult;
import io.e2ee4j.api.spi.Aead;
import io.e2ee4j.api.spi.EncryptionType;
import io.e2ee4j.cipher.gcm.AesGcmEncryptionType;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.security.Provider;
import io.e2ee4j.testing.Skip;
import org.junit.jupiter.api.Test;

/**
 * The send path of a frame into a caller-given buffer allocates only a small constant per frame:
 * the cryptor's own share (result object, a few buffer views) is measured against the cipher alone,
 * the total does not grow with the frame, and on Conscrypt the whole send path of a 1 KB frame stays
 * far below the frame size. Measured with the JVM's per-thread allocation counter, never timed.
 *
 * <p>The JDK's own AES-GCM (SunJCE, JDK 17) allocates about 1 KB per init (its GHASH tables)
 * whatever the frame size; that is the cipher's cost, reported here, not the cryptor's.
 */
class EncryptAllocationTest {

  private static final int WARMUP = 12_000;
  private static final int MEASURED = 6_000;
  /**
   * What the cryptor may add per frame on top of the cipher. Its own share is the result object and
   * one buffer view (about 100 B); the margin absorbs run-to-run JIT differences (escape analysis).
   */
  private static final long CRYPTOR_BUDGET = 256;
  /** How much the per-frame allocation may differ between 1 KB and 16 KB frames (measurement noise). */
  private static final long SIZE_NOISE = 128;

  private static final com.sun.management.ThreadMXBean MX =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private static long allocated() {
    return MX.getThreadAllocatedBytes(Thread.currentThread().getId());
  }

  private static byte[] h264(int size) {
    byte[] f = Rig.random(2, size);
    byte[] head = Rig.hex("00000001" + "6742c01fda" + "00000001" + "68ce3c80" + "00000001" + "6588");
    System.arraycopy(head, 0, f, 0, head.length);
    for (int i = head.length; i + 2 < f.length; i++) {
      if (f[i] == 0 && f[i + 1] == 0) {
        f[i + 1] = 7; // no stray start codes in the slice body
      }
    }
    return f;
  }

  /** Bytes allocated per encrypted frame, after warm-up. */
  private static long cryptorBytesPerFrame(EncryptionType type, EncodedFrame frame) {
    Rig rig = Rig.shared(0, -1).sharedKey(0, "allocation");
    FrameCryptor tx = Rig.FACTORY.create(FrameCryptorConfig.builder(Rig.ALICE, "t", Direction.ENCRYPT,
        rig.handler(Rig.ALICE), type).options(rig.options).build());
    ByteBuffer out = ByteBuffer.allocate(tx.maxOutputSize(frame.length()));
    for (int i = 0; i < WARMUP; i++) {
      out.clear();
      assertEquals(FrameResult.Status.ENCRYPTED, tx.process(frame, out).status());
    }
    int encrypted = 0;
    long before = allocated();
    for (int i = 0; i < MEASURED; i++) {
      out.clear();
      if (tx.process(frame, out).status() == FrameResult.Status.ENCRYPTED) {
        encrypted++;
      }
    }
    long perFrame = (allocated() - before) / MEASURED;
    assertEquals(MEASURED, encrypted);
    return perFrame;
  }

  /** Bytes allocated per seal of the same size by the cipher alone. */
  private static long cipherBytesPerSeal(EncryptionType type, int size) throws Exception {
    Aead aead = type.newAead(new byte[16]);
    ByteBuffer iv = ByteBuffer.allocate(12);
    ByteBuffer aad = ByteBuffer.allocate(3);
    ByteBuffer plain = ByteBuffer.wrap(Rig.random(3, size - 3));
    ByteBuffer out = ByteBuffer.allocate(size + 64);
    long before = 0;
    for (int i = 0; i < WARMUP + MEASURED; i++) {
      if (i == WARMUP) {
        before = allocated();
      }
      iv.putInt(0, i);
      plain.clear();
      out.clear();
      aead.seal(iv, aad, plain, out);
    }
    return (allocated() - before) / MEASURED;
  }

  private static void check(String name, EncryptionType type, boolean totalBelowQuarterFrame) throws Exception {
    assertTrue(MX.isThreadAllocatedMemorySupported(), "allocation counter unsupported on this JVM");
    long cipher = cipherBytesPerSeal(type, 1024);
    long vp8 = cryptorBytesPerFrame(type, Rig.video("video/VP8", false, Rig.random(1, 1024)));
    long h264 = cryptorBytesPerFrame(type, Rig.video("video/H264", true, h264(1024)));
    long vp8Large = cryptorBytesPerFrame(type, Rig.video("video/VP8", false, Rig.random(1, 16 * 1024)));
    long h264Large = cryptorBytesPerFrame(type, Rig.video("video/H264", true, h264(16 * 1024)));
    System.out.printf("[allocation] %s per frame: cipher alone %d B; VP8 1 KB %d B, 16 KB %d B; H.264 1 KB %d B, 16 KB %d B%n",
        name, cipher, vp8, vp8Large, h264, h264Large);
    assertTrue(vp8 - cipher < CRYPTOR_BUDGET, "VP8: cryptor adds " + (vp8 - cipher) + " B");
    assertTrue(h264 - cipher < CRYPTOR_BUDGET, "H.264: cryptor adds " + (h264 - cipher) + " B");
    assertTrue(vp8Large - vp8 < SIZE_NOISE, "VP8 allocation grows with the frame: " + vp8 + " -> " + vp8Large);
    assertTrue(h264Large - h264 < SIZE_NOISE, "H.264 allocation grows with the frame: " + h264 + " -> " + h264Large);
    if (totalBelowQuarterFrame) {
      assertTrue(vp8 < 1024 / 2 && h264 < 1024 / 2, "1 KB frame: " + vp8 + " / " + h264 + " B");
    }
  }

  @Test
  void sendPathAllocatesAConstantSmallShareOnTheJdkCipher() throws Exception {
    check("SunJCE", AesGcmEncryptionType.withProvider(java.security.Security.getProvider("SunJCE")), false);
  }

  @Test
  void sendPathOfA1KbFrameAllocatesFarLessThanTheFrameOnConscrypt() throws Exception {
    Provider conscrypt;
    try {
      conscrypt = (Provider) Class.forName("org.conscrypt.Conscrypt").getMethod("newProvider").invoke(null);
    } catch (ReflectiveOperationException | LinkageError e) {
      conscrypt = null;
    }
    Skip.unless(conscrypt != null, "Conscrypt does not load on this platform");
    check("Conscrypt", AesGcmEncryptionType.withProvider(conscrypt), true);
  }
}
