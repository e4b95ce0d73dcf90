package io.e2ee4j.api;

/**
 * The encryption state of one frame cryptor in one direction, with LiveKit's seven values in
 * LiveKit's order (native {@code FrameCryptionState}, Android/Swift {@code E2EEState}).
 *
 * <p>A state is reported only when it changes; {@link #NEW} is the initial value and is never
 * reported by itself.
 */
public enum E2eeState {
  /** Initial value: nothing encrypted or decrypted yet. */
  NEW,
  /** A frame was encrypted or decrypted after any other state. */
  OK,
  /** Sealing failed (for example the IV space of the key is exhausted or the key is unusable). */
  ENCRYPTION_FAILED,
  /** A frame did not decrypt: authentication failed, the frame was malformed, or the key is invalid. */
  DECRYPTION_FAILED,
  /** No key at the key index the sender or the frame names. */
  MISSING_KEY,
  /** A receiver's auto-ratchet found the sender's newer key. */
  KEY_RATCHETED,
  /** Anything else: an unsupported codec, plaintext where encryption is required, a bug. */
  INTERNAL_ERROR
}
