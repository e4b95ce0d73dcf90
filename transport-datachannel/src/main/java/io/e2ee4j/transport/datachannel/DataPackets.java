package io.e2ee4j.transport.datachannel;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.TextFormat;
import io.e2ee4j.api.data.DataValueCase;
import io.e2ee4j.transport.datachannel.internal.ValueCases;
import io.e2ee4j.transport.datachannel.internal.proto.DataPacket;
import io.e2ee4j.transport.datachannel.internal.proto.EncryptedPacketPayload;
import io.e2ee4j.transport.datachannel.internal.proto.UserPacket;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Builds and reads LiveKit {@code DataPacket} wire bytes for applications and tools that do not
 * carry LiveKit's protobuf classes themselves. All methods go through the generated protobuf
 * classes; none writes wire bytes by hand.
 *
 * <p>Methods that read throw {@link IllegalArgumentException} for bytes that are not a DataPacket
 * (these helpers are for application code, not the receive path; the receive path is {@link
 * LiveKitDataPacketCryptor#decrypt}).
 *
 * <p>Stateless and thread-safe.
 */
public final class DataPackets {

  private DataPackets() {}

  /**
   * A reliable {@code DataPacket} whose value is {@code user{payload}}.
   *
   * @param topic the user packet's topic, or null for none
   */
  public static byte[] userPacket(byte[] payload, String topic) {
    Objects.requireNonNull(payload, "payload is null");
    UserPacket.Builder user = UserPacket.newBuilder().setPayload(ByteString.copyFrom(payload));
    if (topic != null) {
      user.setTopic(topic);
    }
    return DataPacket.newBuilder().setUser(user).build().toByteArray();
  }

  /**
   * {@code wire} with {@code participant_identity} set to {@code identity} (what LiveKit's SFU does
   * on the way through; a peer-to-peer sender may do it itself). Other fields are kept.
   */
  public static byte[] withParticipantIdentity(ByteBuffer wire, String identity) {
    Objects.requireNonNull(identity, "identity is null");
    return parse(wire).toBuilder().setParticipantIdentity(identity).build().toByteArray();
  }

  /** The DataPacket's {@code participant_identity}; empty if unset. */
  public static String participantIdentity(ByteBuffer wire) {
    return parse(wire).getParticipantIdentity();
  }

  /** The DataPacket's value case. */
  public static DataValueCase valueCase(ByteBuffer wire) {
    return ValueCases.of(parse(wire).getValueCase());
  }

  /** {@code user.payload} of a DataPacket whose value is {@code user}, or null for another case. */
  public static byte[] userPayloadOrNull(ByteBuffer wire) {
    DataPacket packet = parse(wire);
    return packet.getValueCase() == DataPacket.ValueCase.USER ? packet.getUser().getPayload().toByteArray() : null;
  }

  /**
   * The DataPacket in protobuf text format, for tools and debugging. <b>It shows the packet's
   * content</b> (a clear packet's plaintext included); never log it where plaintext must not go.
   */
  public static String toText(ByteBuffer wire) {
    return TextFormat.printer().printToString(parse(wire));
  }

  /**
   * A serialised {@code EncryptedPacketPayload} (such as {@link
   * io.e2ee4j.api.data.DataPacketResult#payloadOrNull()}) in protobuf text format. <b>It shows the
   * plaintext.</b>
   *
   * @throws IllegalArgumentException if the bytes are not an EncryptedPacketPayload
   */
  public static String payloadToText(ByteBuffer payload) {
    try {
      return TextFormat.printer().printToString(EncryptedPacketPayload.parseFrom(payload.duplicate()));
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("not an EncryptedPacketPayload: " + e.getMessage(), e);
    }
  }

  private static DataPacket parse(ByteBuffer wire) {
    Objects.requireNonNull(wire, "wire is null");
    try {
      return DataPacket.parseFrom(wire.duplicate());
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("not a DataPacket: " + e.getMessage(), e);
    }
  }
}
