package io.e2ee4j.api.media;

import io.e2ee4j.api.E2eeState;

/**
 * Why a cryptor dropped a frame, and the state that reason puts the cryptor in.
 *
 * <p>A dropped frame is never emitted, neither encrypted nor in plaintext. The state is reported to
 * the cryptor's {@link io.e2ee4j.api.E2eeStateListener} only when it differs from the current one.
 */
public enum FrameDropReason {
  /** No key in the slot the sender uses, or in the slot the trailer names (or the slot is past the ring). */
  MISSING_KEY(E2eeState.MISSING_KEY, "missing key"),
  /** The slot the trailer names failed more often than the failure tolerance allows (spec section 4.4). */
  KEY_INVALID(E2eeState.DECRYPTION_FAILED, "key marked invalid after repeated failures"),
  /** The ciphertext did not authenticate under the key of the trailer's slot, nor under any ratchet in the window. */
  AUTHENTICATION_FAILED(E2eeState.DECRYPTION_FAILED, "authentication failed"),
  /** The frame is too short, its IV-length byte is not the encryption type's IV length, or its escaping is broken. */
  MALFORMED_TRAILER(E2eeState.DECRYPTION_FAILED, "malformed trailer"),
  /** The frame carries the SIF trailer, but what precedes it is not a known blank frame (spec section 1.8). */
  UNKNOWN_SIF_PAYLOAD(E2eeState.DECRYPTION_FAILED, "unknown SIF payload"),
  /** The codec cannot be encrypted in LiveKit's format (AV1), so the frame is neither sent broken nor in plaintext. */
  UNSUPPORTED_CODEC(E2eeState.INTERNAL_ERROR, "unsupported codec"),
  /** A disabled receiving cryptor under {@link UnencryptedFramePolicy#REFUSE_AND_REPORT}. */
  PLAINTEXT_NOT_ALLOWED(E2eeState.INTERNAL_ERROR, "plaintext where encryption is required"),
  /** Sealing failed: the key's IV space is exhausted, or the cipher refused the key. */
  ENCRYPTION_FAILED(E2eeState.ENCRYPTION_FAILED, "encryption failed"),
  /**
   * A frame to send is shorter than its codec's clear header (for example a 5-byte VP8 key frame):
   * a receiver could not parse it, so it is not sent.
   */
  FRAME_TOO_SHORT(E2eeState.ENCRYPTION_FAILED, "frame shorter than its clear header"),
  /**
   * A frame to send whose encrypted form a receiver would split differently (LiveKit's NAL scan
   * sees a slice in the encrypted frame that it could not see in the plain one, or the reverse);
   * it would never decrypt, so it is not sent. Real encoders do not produce such frames.
   */
  AMBIGUOUS_CLEAR_HEADER(E2eeState.ENCRYPTION_FAILED, "clear header ambiguous at the receiver"),
  /** The frame's metadata does not fit the {@code LKTS} trailer's one-byte length. */
  METADATA_TOO_LONG(E2eeState.ENCRYPTION_FAILED, "frame metadata too long"),
  /**
   * The frame is longer than {@link FrameCryptorConfig#maxFrameBytes()}; it is dropped before any
   * work is done on it. The state is {@code DECRYPTION_FAILED} for a received frame and {@code
   * ENCRYPTION_FAILED} for one to send.
   */
  FRAME_TOO_LARGE(E2eeState.DECRYPTION_FAILED, "frame larger than the size limit"),
  /**
   * Decrypting: the frame did not authenticate under the slot's key nor under the ratchet steps
   * ready so far, and the rest of the window was not tried because its steps are still being
   * derived (off the frame thread) or the participant's budget of trial decryptions is spent for
   * now. Counts as a failed frame (spec section 4.4); later frames try the steps once derived.
   */
  RATCHET_PENDING(E2eeState.DECRYPTION_FAILED, "auto-ratchet pending or budget spent"),
  /** A bug or an unexpected provider failure; the frame is dropped (fail closed) and the cause logged. */
  INTERNAL_ERROR(E2eeState.INTERNAL_ERROR, "internal error"),
  /**
   * The cryptor is disabled and {@link io.e2ee4j.api.KeyProviderOptions#discardFrameWhenCryptorNotReady()}
   * is set. Changes no state.
   */
  NOT_READY(null, "cryptor not ready"),
  /** The caller's output buffer has too few bytes remaining; see {@link FrameCryptor#maxOutputSize}. Changes no state. */
  OUTPUT_TOO_SMALL(null, "output buffer too small"),
  /** The cryptor was closed. Changes no state. */
  CLOSED(null, "cryptor closed");

  private final E2eeState state;
  private final String description;

  FrameDropReason(E2eeState state, String description) {
    this.state = state;
    this.description = description;
  }

  /** The state this reason puts the cryptor in, or null if it changes no state. */
  public E2eeState stateOrNull() {
    return state;
  }

  /** A short description in words, such as "authentication failed". */
  public String description() {
    return description;
  }
}
