package io.e2ee4j.api.data;

import io.e2ee4j.api.ParticipantId;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Objects;

/**
 * What a {@link DataPacketCryptor} did with one DataPacket: encrypted it, decrypted it, left it
 * unchanged (a clear case), or refused it with a {@link DataFailureReason reason}. Cryptors return
 * one for every packet and never throw for a bad packet.
 *
 * <p>For a successful result the DataPacket to hand on is {@link #packet()} (protobuf wire bytes):
 * the encrypted packet when sending, the rebuilt clear packet when receiving. For an encrypted or
 * decrypted packet {@link #payloadOrNull()} is the serialised {@code EncryptedPacketPayload}, the
 * exact plaintext that was sealed. A failed result carries no bytes at all.
 *
 * <p>Immutable and thread-safe: the buffers returned are read-only views. {@code toString} and
 * {@link #describe()} never show packet bytes.
 */
public final class DataPacketResult {

  /** The outcome. */
  public enum Status {
    /** Sending: the value was sealed into an {@code EncryptedPacket}. */
    ENCRYPTED,
    /** Receiving: an {@code EncryptedPacket} was opened and the DataPacket rebuilt. */
    DECRYPTED,
    /**
     * The packet is returned unchanged: a case that travels in clear, a packet with no value, or
     * (sending) one that is already encrypted, or (receiving) a clear packet.
     */
    CLEAR,
    /** The packet was refused; see {@link #failureOrNull()}. Nothing may be sent or delivered. */
    FAILED
  }

  private final Status status;
  private final byte[] packet;
  private final byte[] payload;
  private final DataValueCase valueCase;
  private final ParticipantId participant;
  private final int keyIndex;
  private final DataFailureReason failure;
  private final String detail;

  private DataPacketResult(Status status, byte[] packet, byte[] payload, DataValueCase valueCase,
      ParticipantId participant, int keyIndex, DataFailureReason failure, String detail) {
    this.status = status;
    this.packet = packet;
    this.payload = payload;
    this.valueCase = valueCase;
    this.participant = participant;
    this.keyIndex = keyIndex;
    this.failure = failure;
    this.detail = detail;
  }

  /**
   * An encrypted or decrypted packet. The arrays are taken over, not copied: the caller must not
   * change them afterwards.
   *
   * @param status {@link Status#ENCRYPTED} or {@link Status#DECRYPTED}
   * @param packet the DataPacket wire bytes to hand on
   * @param payload the serialised EncryptedPacketPayload (the plaintext that was sealed)
   * @param valueCase the clear value case (one of the encrypted cases)
   * @param participant the sender (sending: the local participant), or null if unknown
   * @param keyIndex the key-ring slot used, 0..255
   */
  public static DataPacketResult transformed(Status status, byte[] packet, byte[] payload,
      DataValueCase valueCase, ParticipantId participant, int keyIndex) {
    if (status != Status.ENCRYPTED && status != Status.DECRYPTED) {
      throw new IllegalArgumentException("status must be ENCRYPTED or DECRYPTED, was " + status);
    }
    Objects.requireNonNull(packet, "packet is null");
    Objects.requireNonNull(payload, "payload is null");
    Objects.requireNonNull(valueCase, "valueCase is null");
    return new DataPacketResult(status, packet, payload, valueCase, participant, keyIndex, null, "");
  }

  /**
   * A packet handed on unchanged. The array is taken over, not copied.
   *
   * @param valueCase its value case
   * @param participant the sender named by the packet, or null
   */
  public static DataPacketResult clear(byte[] packet, DataValueCase valueCase, ParticipantId participant) {
    Objects.requireNonNull(packet, "packet is null");
    Objects.requireNonNull(valueCase, "valueCase is null");
    return new DataPacketResult(Status.CLEAR, packet, null, valueCase, participant, -1, null, "");
  }

  /**
   * A refused packet.
   *
   * @param participant the sender (sending: the local participant), or null if unknown
   * @param keyIndex the key index involved, or -1 if none
   * @param detail more words for a log, such as a parser's message; never secret bytes; may be empty
   */
  public static DataPacketResult failed(DataFailureReason reason, ParticipantId participant, int keyIndex,
      String detail) {
    Objects.requireNonNull(reason, "reason is null");
    return new DataPacketResult(Status.FAILED, null, null, null, participant, keyIndex, reason,
        detail == null ? "" : detail);
  }

  /** The outcome. */
  public Status status() {
    return status;
  }

  /** True unless the packet was refused. */
  public boolean isOk() {
    return status != Status.FAILED;
  }

  /**
   * The DataPacket wire bytes to hand on, as a read-only buffer from position 0.
   *
   * @throws IllegalStateException if the packet was refused (the message gives the reason)
   */
  public ByteBuffer packet() {
    return ByteBuffer.wrap(requireOk()).asReadOnlyBuffer();
  }

  /**
   * A copy of the DataPacket wire bytes to hand on.
   *
   * @throws IllegalStateException if the packet was refused (the message gives the reason)
   */
  public byte[] packetBytes() {
    return requireOk().clone();
  }

  /** The length of {@link #packet()} in bytes; 0 if refused. */
  public int packetLength() {
    return packet == null ? 0 : packet.length;
  }

  /**
   * The serialised {@code EncryptedPacketPayload} that was sealed (sending) or opened (receiving),
   * as a read-only buffer; null for a clear or refused packet.
   */
  public ByteBuffer payloadOrNull() {
    return payload == null ? null : ByteBuffer.wrap(payload).asReadOnlyBuffer();
  }

  /** A copy of {@link #payloadOrNull()}'s bytes, or null. */
  public byte[] payloadBytesOrNull() {
    return payload == null ? null : payload.clone();
  }

  /**
   * The value case of the clear packet: for an encrypted or decrypted packet the case inside the
   * payload, for a clear packet its own case ({@link DataValueCase#ENCRYPTED_PACKET} for one passed
   * on already encrypted); null if refused.
   */
  public DataValueCase valueCaseOrNull() {
    return valueCase;
  }

  /** The sender (sending: the local participant), or null if the packet named none. */
  public ParticipantId participantOrNull() {
    return participant;
  }

  /** The key-ring slot used or named, or -1 if none. */
  public int keyIndex() {
    return keyIndex;
  }

  /** Why the packet was refused, or null if it was not. */
  public DataFailureReason failureOrNull() {
    return failure;
  }

  /** More words about a refusal (for example the protobuf parser's message); empty otherwise. */
  public String detail() {
    return detail;
  }

  /**
   * The outcome in words, such as {@code "authentication failed (participant alice, key index 2)"};
   * built when asked.
   */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    if (status == Status.FAILED) {
      sb.append(failure.description());
    } else {
      sb.append(status.name().toLowerCase(Locale.ROOT)).append(' ')
          .append(valueCase.name().toLowerCase(Locale.ROOT));
    }
    sb.append(" (participant ").append(participant == null ? "unknown" : participant.toString());
    if (keyIndex >= 0) {
      sb.append(", key index ").append(keyIndex);
    }
    sb.append(')');
    if (!detail.isEmpty()) {
      sb.append(": ").append(ParticipantId.printable(detail));
    }
    return sb.toString();
  }

  private byte[] requireOk() {
    if (packet == null) {
      throw new IllegalStateException("data packet refused: " + describe());
    }
    return packet;
  }

  /** The outcome and sizes, never packet bytes. */
  @Override
  public String toString() {
    return "DataPacketResult[" + describe() + (packet != null ? ", " + packet.length + " bytes" : "") + "]";
  }
}
