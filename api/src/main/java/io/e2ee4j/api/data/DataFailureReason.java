package io.e2ee4j.api.data;

import io.e2ee4j.api.E2eeState;

/**
 * Why a {@link DataPacketCryptor} refused a packet, and the {@link E2eeState} that reason stands
 * for. A refused packet yields nothing to deliver or send: neither a ciphertext nor a plaintext,
 * nor part of one.
 */
public enum DataFailureReason {
  /** The bytes are not a DataPacket (protobuf parse error), or exceed the size limit. */
  MALFORMED_PACKET(E2eeState.DECRYPTION_FAILED, "malformed DataPacket"),
  /** The EncryptedPacket's IV does not have the encryption type's IV length. */
  MALFORMED_ENCRYPTED_PACKET(E2eeState.DECRYPTION_FAILED, "malformed EncryptedPacket"),
  /**
   * The ciphertext authenticated, but the plaintext is not an EncryptedPacketPayload with one of
   * the eight encrypted cases.
   */
  MALFORMED_PAYLOAD(E2eeState.DECRYPTION_FAILED, "malformed EncryptedPacketPayload"),
  /** Per-participant keys, and the packet names no sender ({@code participant_identity} is empty). */
  UNKNOWN_SENDER(E2eeState.MISSING_KEY, "no participant identity to choose a key by"),
  /** No key in the slot the sender uses (send), or in the slot {@code key_index} names (receive). */
  MISSING_KEY(E2eeState.MISSING_KEY, "missing key"),
  /** The slot failed more often than the failure tolerance allows (spec section 4.4). */
  KEY_INVALID(E2eeState.DECRYPTION_FAILED, "key marked invalid after repeated failures"),
  /** The ciphertext did not authenticate: a wrong key or a tampered packet. */
  AUTHENTICATION_FAILED(E2eeState.DECRYPTION_FAILED, "authentication failed"),
  /** A clear packet of an encrypted case where the receiver requires encryption. */
  PLAINTEXT_NOT_ALLOWED(E2eeState.INTERNAL_ERROR, "plaintext where encryption is required"),
  /** Sealing failed: the key's IV space is exhausted, or the cipher refused the key. */
  ENCRYPTION_FAILED(E2eeState.ENCRYPTION_FAILED, "encryption failed"),
  /** The encrypted packet would exceed the transport's message size limit; nothing was sent. */
  MESSAGE_TOO_LARGE(null, "message too large for the channel");

  private final E2eeState state;
  private final String description;

  DataFailureReason(E2eeState state, String description) {
    this.state = state;
    this.description = description;
  }

  /** The state this reason stands for, or null if it changes no state. */
  public E2eeState stateOrNull() {
    return state;
  }

  /** A short description in words, such as "authentication failed". */
  public String description() {
    return description;
  }
}
