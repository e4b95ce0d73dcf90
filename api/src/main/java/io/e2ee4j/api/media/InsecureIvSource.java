package io.e2ee4j.api.media;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * <b>Insecure: for tests and interop harnesses only.</b> Replaces the IVs a sending cryptor draws
 * from {@link io.e2ee4j.api.CryptoKey#nextIv}, so a test can reproduce another implementation's
 * exact bytes. An IV repeated under one key destroys AES-GCM's confidentiality and authenticity;
 * nothing here prevents that. Never configure one in production.
 *
 * <p>Implementations must be thread-safe if the cryptor is used from several threads.
 */
@FunctionalInterface
public interface InsecureIvSource {

  /**
   * Writes exactly {@code ivLength} bytes at {@code dst}'s position and advances it.
   *
   * @param frame the frame about to be encrypted
   */
  void writeIv(EncodedFrame frame, ByteBuffer dst, int ivLength);

  /**
   * <b>Insecure:</b> the same IV for every frame. Only for a test that encrypts one frame per key.
   *
   * @throws IllegalArgumentException at encryption time, never here, if the length differs from
   *     the encryption type's IV length (the frame is then dropped)
   */
  static InsecureIvSource insecureFixedIv(byte[] iv) {
    byte[] copy = Objects.requireNonNull(iv, "iv is null").clone();
    return (frame, dst, ivLength) -> {
      if (copy.length != ivLength) {
        throw new IllegalArgumentException("fixed IV is " + copy.length + " bytes, need " + ivLength);
      }
      dst.put(copy);
    };
  }

  /**
   * <b>Insecure (predictable, and colliding across senders that share a key and an SSRC):</b>
   * LiveKit's own frame IV layout (spec section 2), for 12-byte IVs: {@code SSRC || RTP timestamp
   * || (RTP timestamp - (sendCount mod 0xFFFF))}, with a send counter per SSRC that starts at
   * {@code initialSendCount} and grows by one per frame.
   */
  static InsecureIvSource insecureLiveKitLayout(int initialSendCount) {
    ConcurrentHashMap<Integer, AtomicInteger> counters = new ConcurrentHashMap<>();
    return (frame, dst, ivLength) -> {
      if (ivLength != 12) {
        throw new IllegalArgumentException("LiveKit's IV layout is 12 bytes, need " + ivLength);
      }
      int count = counters.computeIfAbsent(frame.ssrc(), s -> new AtomicInteger(initialSendCount))
          .getAndIncrement();
      dst.putInt(frame.ssrc());
      dst.putInt(frame.rtpTimestamp());
      dst.putInt(frame.rtpTimestamp() - Integer.remainderUnsigned(count, 0xFFFF));
    };
  }
}
