package io.e2ee4j.transport.webrtc;

import io.e2ee4j.api.media.FrameCryptor;
import io.e2ee4j.api.media.FrameCryptorConfig;
import io.e2ee4j.api.media.FrameCryptorFactory;
import io.e2ee4j.transport.webrtc.internal.LiveKitFrameCryptor;

/**
 * Makes frame cryptors in LiveKit's E2EE frame format ({@value #ID}): codec-aware clear header,
 * H.264/H.265 RBSP escaping, trailer {@code IV || IV length || key index}, server-injected frames,
 * the {@code LKTS} metadata trailer, bounded auto-ratchet and failure tolerance, byte-exact with
 * livekit-client 2.23 and LiveKit's native SDKs.
 *
 * <p><b>IVs.</b> Every frame's IV comes from {@link io.e2ee4j.api.CryptoKey#nextIv}: a random
 * per-key prefix and a 32-bit counter shared by all users of that key in this process, so an IV
 * never repeats under a key. After 2^32 frames under one key the key refuses and frames are
 * dropped with {@link io.e2ee4j.api.media.FrameDropReason#ENCRYPTION_FAILED} until a new key or a
 * ratchet is set. Receivers read the IV from the trailer, so this interoperates with LiveKit's own
 * SSRC/timestamp layout. Only {@link io.e2ee4j.api.media.FrameCryptorConfig.Builder#insecureIvSourceForTesting}
 * replaces it, for tests and interop harnesses.
 *
 * <p><b>Work bounds.</b> Per frame: linear scans of the frame (NAL units, escaping, trailers) and at
 * most {@code 1 + ratchetWindowSize} AES-GCM attempts; key derivations for auto-ratchet are
 * budgeted by the {@link io.e2ee4j.api.KeyHandler}. Per-thread scratch buffers grow to the largest
 * frame seen on that thread.
 *
 * <p>Found by {@link java.util.ServiceLoader} as an {@link FrameCryptorFactory}; its public no-arg
 * constructor is for ServiceLoader and does no work. Immutable and thread-safe.
 */
public final class LiveKitFrameCryptorFactory implements FrameCryptorFactory {

  /** The frame format's id. */
  public static final String ID = "livekit";

  /** For ServiceLoader; also usable directly. */
  public LiveKitFrameCryptorFactory() {}

  @Override
  public String id() {
    return ID;
  }

  /**
   * A new cryptor. Thread-safe; see {@link FrameCryptor}.
   *
   * @throws IllegalArgumentException if the encryption type's IV length is outside 8..255 bytes
   *     (the trailer's length byte cannot carry it)
   */
  @Override
  public FrameCryptor create(FrameCryptorConfig config) {
    return new LiveKitFrameCryptor(config);
  }

  @Override
  public String toString() {
    return "LiveKitFrameCryptorFactory[" + ID + "]";
  }
}
