package io.e2ee4j.api.media;

import io.e2ee4j.api.E2eeState;
import java.nio.ByteBuffer;

/**
 * Encrypts (sending) or decrypts (receiving) the encoded frames of one participant's track in
 * LiveKit's frame format. Made by a {@link FrameCryptorFactory} from a {@link FrameCryptorConfig};
 * the direction is fixed by the config.
 *
 * <p><b>Hot path.</b> {@link #process(EncodedFrame, ByteBuffer)} is called once per frame. It never
 * throws for a bad, truncated, oversized or hostile frame: it returns a {@link FrameResult} that
 * says the frame was encrypted, decrypted, passed through, or dropped with a reason. A frame is
 * never forwarded in plaintext while encryption is required for it.
 *
 * <p><b>States.</b> The cryptor keeps an {@link E2eeState} (initially {@link E2eeState#NEW}) and
 * tells the config's listener only when it changes, with the participant, the track, the direction
 * and a reason such as "missing key at index 3"; never once per failing frame.
 *
 * <p>Thread safety: implementations are safe for concurrent use and take no global lock; frames of
 * one track normally arrive on one thread.
 */
public interface FrameCryptor extends AutoCloseable {

  /** The configuration this cryptor was made with. */
  FrameCryptorConfig config();

  /**
   * Transforms one frame into {@code out}, from its position on. On a forwarded result the
   * position has advanced by {@link FrameResult#length()}; on a drop it is unchanged (bytes past
   * it may have been overwritten). {@code out} must not overlap the frame's payload.
   *
   * @param out a buffer with at least {@link #maxOutputSize}{@code (frame.length())} bytes remaining;
   *     with fewer the frame may be dropped with {@link FrameDropReason#OUTPUT_TOO_SMALL}
   * @throws NullPointerException if an argument is null (a programmer error, not a bad frame)
   */
  FrameResult process(EncodedFrame frame, ByteBuffer out);

  /** As {@link #process(EncodedFrame, ByteBuffer)} into a newly allocated heap buffer. */
  default FrameResult process(EncodedFrame frame) {
    return process(frame, ByteBuffer.allocate(maxOutputSize(frame.length())));
  }

  /**
   * The most bytes {@link #process} can write for a frame of {@code frameLength} bytes: for a
   * receiver the frame length; for a sender the frame plus trailer, escaping and metadata overhead.
   */
  int maxOutputSize(int frameLength);

  /**
   * Turns encryption on or off at run time. A disabled sender passes frames through unencrypted (or
   * drops them if {@code discardFrameWhenCryptorNotReady}); a disabled receiver applies the
   * config's {@link UnencryptedFramePolicy}.
   */
  void setEnabled(boolean enabled);

  /** Whether the cryptor is enabled. */
  boolean isEnabled();

  /**
   * Changes the codec assumed for frames that carry no MIME type (LiveKit's {@code updateCodec});
   * null for unknown.
   */
  void setCodecMimeType(String mimeType);

  /** The current state. */
  E2eeState state();

  /** The reason given with the current state, such as "missing key at index 3"; empty for NEW and OK. */
  String stateReason();

  /** The frame metadata ({@code LKTS}) of the last frame that carried some, or null. */
  FrameMetadata lastMetadataOrNull();

  /** Stops the cryptor: later frames are dropped with {@link FrameDropReason#CLOSED}. Idempotent. */
  @Override
  void close();

  /** Whether {@link #close()} was called. */
  boolean isClosed();
}
