package io.e2ee4j.transport.datachannel.internal;

import io.e2ee4j.api.data.DataValueCase;
import io.e2ee4j.transport.datachannel.internal.proto.DataPacket;
import io.e2ee4j.transport.datachannel.internal.proto.EncryptedPacketPayload;

/**
 * Moves a value between {@code DataPacket.value} and {@code EncryptedPacketPayload.value}, case by
 * case, with the generated classes' own setters (no hand-written wire encoding).
 */
public final class ValueCases {

  private ValueCases() {}

  /** The public name of a DataPacket value case. */
  public static DataValueCase of(DataPacket.ValueCase c) {
    switch (c) {
      case USER: return DataValueCase.USER;
      case SPEAKER: return DataValueCase.SPEAKER;
      case SIP_DTMF: return DataValueCase.SIP_DTMF;
      case TRANSCRIPTION: return DataValueCase.TRANSCRIPTION;
      case METRICS: return DataValueCase.METRICS;
      case CHAT_MESSAGE: return DataValueCase.CHAT_MESSAGE;
      case RPC_REQUEST: return DataValueCase.RPC_REQUEST;
      case RPC_ACK: return DataValueCase.RPC_ACK;
      case RPC_RESPONSE: return DataValueCase.RPC_RESPONSE;
      case STREAM_HEADER: return DataValueCase.STREAM_HEADER;
      case STREAM_CHUNK: return DataValueCase.STREAM_CHUNK;
      case STREAM_TRAILER: return DataValueCase.STREAM_TRAILER;
      case ENCRYPTED_PACKET: return DataValueCase.ENCRYPTED_PACKET;
      default: return DataValueCase.NONE;
    }
  }

  /** The public name of a payload value case, or null if the payload holds none. */
  public static DataValueCase of(EncryptedPacketPayload.ValueCase c) {
    switch (c) {
      case USER: return DataValueCase.USER;
      case CHAT_MESSAGE: return DataValueCase.CHAT_MESSAGE;
      case RPC_REQUEST: return DataValueCase.RPC_REQUEST;
      case RPC_ACK: return DataValueCase.RPC_ACK;
      case RPC_RESPONSE: return DataValueCase.RPC_RESPONSE;
      case STREAM_HEADER: return DataValueCase.STREAM_HEADER;
      case STREAM_CHUNK: return DataValueCase.STREAM_CHUNK;
      case STREAM_TRAILER: return DataValueCase.STREAM_TRAILER;
      default: return null;
    }
  }

  /**
   * The payload holding {@code packet}'s value under the same case.
   *
   * @throws IllegalArgumentException if the value is not one of the encrypted cases
   */
  public static EncryptedPacketPayload toPayload(DataPacket packet) {
    EncryptedPacketPayload.Builder b = EncryptedPacketPayload.newBuilder();
    switch (packet.getValueCase()) {
      case USER: return b.setUser(packet.getUser()).build();
      case CHAT_MESSAGE: return b.setChatMessage(packet.getChatMessage()).build();
      case RPC_REQUEST: return b.setRpcRequest(packet.getRpcRequest()).build();
      case RPC_ACK: return b.setRpcAck(packet.getRpcAck()).build();
      case RPC_RESPONSE: return b.setRpcResponse(packet.getRpcResponse()).build();
      case STREAM_HEADER: return b.setStreamHeader(packet.getStreamHeader()).build();
      case STREAM_CHUNK: return b.setStreamChunk(packet.getStreamChunk()).build();
      case STREAM_TRAILER: return b.setStreamTrailer(packet.getStreamTrailer()).build();
      default: throw new IllegalArgumentException("not an encrypted case: " + packet.getValueCase());
    }
  }

  /**
   * Sets {@code payload}'s value on {@code packet} under the same case, replacing its current value.
   *
   * @throws IllegalArgumentException if the payload holds no value
   */
  public static DataPacket.Builder fromPayload(DataPacket.Builder packet, EncryptedPacketPayload payload) {
    switch (payload.getValueCase()) {
      case USER: return packet.setUser(payload.getUser());
      case CHAT_MESSAGE: return packet.setChatMessage(payload.getChatMessage());
      case RPC_REQUEST: return packet.setRpcRequest(payload.getRpcRequest());
      case RPC_ACK: return packet.setRpcAck(payload.getRpcAck());
      case RPC_RESPONSE: return packet.setRpcResponse(payload.getRpcResponse());
      case STREAM_HEADER: return packet.setStreamHeader(payload.getStreamHeader());
      case STREAM_CHUNK: return packet.setStreamChunk(payload.getStreamChunk());
      case STREAM_TRAILER: return packet.setStreamTrailer(payload.getStreamTrailer());
      default: throw new IllegalArgumentException("payload holds no value");
    }
  }
}
