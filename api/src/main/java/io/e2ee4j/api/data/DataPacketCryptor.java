package io.e2ee4j.api.data;

import io.e2ee4j.api.ParticipantId;
import io.e2ee4j.api.spi.EncryptionType;
import java.nio.ByteBuffer;

/**
 * Encrypts outgoing and decrypts incoming LiveKit {@code DataPacket}s (spec section 5), given as
 * protobuf wire bytes.
 *
 * <p><b>Sending</b> ({@link #encrypt}): a packet whose value is one of the {@link
 * DataValueCase#isEncrypted() encrypted cases} has that value moved into an {@code
 * EncryptedPacketPayload}, sealed with the local participant's current key through the configured
 * {@link EncryptionType} (no additional data), and replaced by {@code encrypted_packet}; the outer
 * {@code kind}, {@code destination_identities}, {@code sequence}, {@code participant_identity} and
 * {@code participant_sid} are kept. Other packets come back unchanged ({@link
 * DataPacketResult.Status#CLEAR}).
 *
 * <p><b>Receiving</b> ({@link #decrypt}): an {@code encrypted_packet} is opened with the key of the
 * sender (the outer {@code participant_identity}; the shared key in shared-key mode) at its {@code
 * key_index}, whatever its {@code encryption_type} says, and the DataPacket is rebuilt with the
 * decrypted value. A clear packet of a case that LiveKit sends encrypted (user, chat, RPC,
 * streams) is refused with {@link DataFailureReason#PLAINTEXT_NOT_ALLOWED} unless the cryptor was
 * made to accept them ({@link io.e2ee4j.api.media.UnencryptedFramePolicy#ACCEPT}); so is a packet
 * that names no known value case. Cases that always travel in clear (speaker updates, SIP DTMF,
 * transcriptions, metrics) come back unchanged ({@link DataPacketResult.Status#CLEAR}). A packet
 * that carries an {@code encrypted_packet} is decrypted or refused, never passed on as clear.
 * Receiving creates no state for the identity a packet names: keys are only looked up.
 *
 * <p><b>Failures</b> never throw: a wrong key, an unknown key index, a tampered or malformed packet
 * gives a {@link DataPacketResult.Status#FAILED} result that names the participant and the reason,
 * and carries no bytes, so nothing half-decrypted can be delivered. Only programmer errors (a null
 * argument) throw.
 *
 * <p>Thread safety: implementations are safe for concurrent use and take no global lock.
 */
public interface DataPacketCryptor {

  /** The local participant, whose current key seals outgoing packets. */
  ParticipantId localParticipant();

  /** The encryption type that seals and opens packets. */
  EncryptionType encryptionType();

  /**
   * Encrypts one outgoing DataPacket: {@code dataPacket}'s bytes from position to limit (the
   * position advances to the limit).
   */
  DataPacketResult encrypt(ByteBuffer dataPacket);

  /** As {@link #encrypt(ByteBuffer)} for an array. */
  default DataPacketResult encrypt(byte[] dataPacket) {
    return encrypt(ByteBuffer.wrap(dataPacket));
  }

  /**
   * Decrypts one incoming DataPacket: {@code wire}'s bytes from position to limit (the position
   * advances to the limit).
   *
   * @param senderIfAbsent the sender to assume when the packet's {@code participant_identity} is
   *     empty (a peer-to-peer channel has no SFU to fill it in); null to refuse such packets in
   *     per-participant mode
   */
  DataPacketResult decrypt(ByteBuffer wire, ParticipantId senderIfAbsent);

  /** As {@link #decrypt(ByteBuffer, ParticipantId)} with no assumed sender. */
  default DataPacketResult decrypt(ByteBuffer wire) {
    return decrypt(wire, null);
  }

  /** As {@link #decrypt(ByteBuffer)} for an array. */
  default DataPacketResult decrypt(byte[] wire) {
    return decrypt(ByteBuffer.wrap(wire), null);
  }

  /**
   * <b>Insecure: for tests and interop harnesses only.</b> As {@link #encrypt(ByteBuffer)}, but
   * seals with {@code iv} instead of an IV from the key, so a test can reproduce another
   * implementation's exact bytes. Reusing an IV under one key destroys the cipher's
   * confidentiality and authenticity; never call this in production.
   *
   * @param iv exactly {@link EncryptionType#ivLengthBytes()} bytes (else the result fails with
   *     {@link DataFailureReason#ENCRYPTION_FAILED})
   */
  DataPacketResult insecureEncryptWithFixedIv(ByteBuffer dataPacket, byte[] iv);
}
