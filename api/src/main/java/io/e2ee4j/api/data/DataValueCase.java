package io.e2ee4j.api.data;

/**
 * The cases of LiveKit's {@code DataPacket.value} oneof (spec section 5.1), with their field
 * numbers in {@code DataPacket} and, for the cases that are encrypted, in {@code
 * EncryptedPacketPayload}.
 *
 * <p>Encrypted cases ({@link #isEncrypted()}): user, chat_message, rpc_request, rpc_ack,
 * rpc_response, stream_header, stream_chunk, stream_trailer. The others travel in clear.
 */
public enum DataValueCase {
  /** The packet has no value. */
  NONE(0, -1),
  /** {@code UserPacket user = 2}: application bytes. Encrypted. */
  USER(2, 1),
  /** {@code ActiveSpeakerUpdate speaker = 3} (deprecated). Clear. */
  SPEAKER(3, -1),
  /** {@code SipDTMF sip_dtmf = 6}. Clear. */
  SIP_DTMF(6, -1),
  /** {@code Transcription transcription = 7}. Clear. */
  TRANSCRIPTION(7, -1),
  /** {@code MetricsBatch metrics = 8}. Clear. */
  METRICS(8, -1),
  /** {@code ChatMessage chat_message = 9}. Encrypted. */
  CHAT_MESSAGE(9, 3),
  /** {@code RpcRequest rpc_request = 10}. Encrypted. */
  RPC_REQUEST(10, 4),
  /** {@code RpcAck rpc_ack = 11}. Encrypted. */
  RPC_ACK(11, 5),
  /** {@code RpcResponse rpc_response = 12}. Encrypted. */
  RPC_RESPONSE(12, 6),
  /** {@code DataStream.Header stream_header = 13}. Encrypted. */
  STREAM_HEADER(13, 7),
  /** {@code DataStream.Chunk stream_chunk = 14}. Encrypted. */
  STREAM_CHUNK(14, 8),
  /** {@code DataStream.Trailer stream_trailer = 15}. Encrypted. */
  STREAM_TRAILER(15, 9),
  /** {@code EncryptedPacket encrypted_packet = 18}: the sealed form of an encrypted case. */
  ENCRYPTED_PACKET(18, -1);

  private final int dataPacketField;
  private final int payloadField;

  DataValueCase(int dataPacketField, int payloadField) {
    this.dataPacketField = dataPacketField;
    this.payloadField = payloadField;
  }

  /** The field number in {@code DataPacket}, or 0 for {@link #NONE}. */
  public int dataPacketField() {
    return dataPacketField;
  }

  /** The field number in {@code EncryptedPacketPayload}, or -1 for a case that is never encrypted. */
  public int payloadFieldOrMinus1() {
    return payloadField;
  }

  /** True for the eight cases a sender seals into an {@code EncryptedPacket}. */
  public boolean isEncrypted() {
    return payloadField > 0;
  }

  /** The case whose {@code DataPacket} field number is {@code field}, or null if none. */
  public static DataValueCase forDataPacketFieldOrNull(int field) {
    for (DataValueCase c : values()) {
      if (c.dataPacketField == field) {
        return c;
      }
    }
    return null;
  }
}
