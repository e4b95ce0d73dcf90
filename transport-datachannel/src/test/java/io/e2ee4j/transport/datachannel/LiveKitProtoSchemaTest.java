package io.e2ee4j.transport.datachannel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import io.e2ee4j.api.data.DataPacketResult;
import io.e2ee4j.api.data.DataPacketResult.Status;
import io.e2ee4j.transport.datachannel.internal.proto.DataPacket;
import io.e2ee4j.transport.datachannel.internal.proto.DataStream;
import io.e2ee4j.transport.datachannel.internal.proto.EncryptedPacket;
import io.e2ee4j.transport.datachannel.internal.proto.EncryptedPacketPayload;
import io.e2ee4j.transport.datachannel.internal.proto.RpcRequest;
import io.e2ee4j.transport.datachannel.internal.proto.RpcResponse;
import io.e2ee4j.transport.datachannel.internal.proto.UserPacket;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The generated messages declare LiveKit's fields (livekit/protocol protobufs/livekit_models.proto at
 * d74e7cdb, which @livekit/protocol 1.52.1 matches for these messages): every field number with its
 * name, and which oneof it belongs to. A field left undeclared still survives as an unknown field,
 * but it loses its oneof membership, so a round trip can change which oneof member a LiveKit reader
 * sees.
 */
class LiveKitProtoSchemaTest {

  /** number -> name, with "oneof:" prefixed for members of the message's oneof. */
  static Map<Integer, String> fields(Descriptor d) {
    Map<Integer, String> m = new TreeMap<>();
    for (FieldDescriptor f : d.getFields()) {
      boolean realOneof = f.getRealContainingOneof() != null;
      m.put(f.getNumber(), (realOneof ? "oneof:" : "") + f.getName());
    }
    return m;
  }

  @Test
  void messages_declareLiveKitsFieldNumbers() {
    assertEquals(Map.of(1, "kind", 2, "oneof:user", 3, "oneof:speaker", 4, "participant_identity",
        5, "destination_identities", 6, "oneof:sip_dtmf", 7, "oneof:transcription", 8, "oneof:metrics",
        9, "oneof:chat_message", 10, "oneof:rpc_request"), subset(fields(DataPacket.getDescriptor()), 1, 10));
    assertEquals(Map.of(11, "oneof:rpc_ack", 12, "oneof:rpc_response", 13, "oneof:stream_header",
        14, "oneof:stream_chunk", 15, "oneof:stream_trailer", 16, "sequence", 17, "participant_sid",
        18, "oneof:encrypted_packet"), subset(fields(DataPacket.getDescriptor()), 11, 99));
    assertEquals(Map.of(1, "encryption_type", 2, "iv", 3, "key_index", 4, "encrypted_value"),
        fields(EncryptedPacket.getDescriptor()));
    assertEquals(Map.of(1, "oneof:user", 3, "oneof:chat_message", 4, "oneof:rpc_request", 5, "oneof:rpc_ack",
        6, "oneof:rpc_response", 7, "oneof:stream_header", 8, "oneof:stream_chunk", 9, "oneof:stream_trailer"),
        fields(EncryptedPacketPayload.getDescriptor()));
    assertEquals(Map.of(1, "participant_sid", 2, "payload", 3, "destination_sids", 4, "topic", 5,
        "participant_identity", 6, "destination_identities", 8, "id", 9, "start_time", 10, "end_time", 11, "nonce"),
        fields(UserPacket.getDescriptor()));
    assertEquals(Map.of(1, "id", 2, "method", 3, "payload", 4, "response_timeout_ms", 5, "version",
        6, "compressed_payload"), fields(RpcRequest.getDescriptor()));
    assertEquals(Map.of(1, "request_id", 2, "oneof:payload", 3, "oneof:error", 4, "oneof:compressed_payload"),
        fields(RpcResponse.getDescriptor()));
    assertEquals(Map.of(1, "stream_id", 2, "timestamp", 3, "topic", 4, "mime_type", 5, "total_length",
        7, "encryption_type", 8, "attributes", 9, "oneof:text_header", 10, "oneof:byte_header"),
        subset(fields(DataStream.Header.getDescriptor()), 1, 10));
    assertEquals(Map.of(11, "inline_content", 12, "compression"),
        subset(fields(DataStream.Header.getDescriptor()), 11, 99));
    assertEquals(Map.of(1, "stream_id", 2, "chunk_index", 3, "content", 4, "version", 5, "iv"),
        fields(DataStream.Chunk.getDescriptor()));
    assertEquals(Map.of(1, "stream_id", 2, "reason", 3, "attributes"), fields(DataStream.Trailer.getDescriptor()));
  }

  static Map<Integer, String> subset(Map<Integer, String> m, int from, int to) {
    Map<Integer, String> s = new TreeMap<>();
    m.forEach((k, v) -> {
      if (k >= from && k <= to) {
        s.put(k, v);
      }
    });
    return s;
  }

  /** The field numbers of a message's wire bytes, in wire order. */
  static List<Integer> wireFieldNumbers(ByteString message) throws Exception {
    CodedInputStream in = message.newCodedInput();
    List<Integer> numbers = new ArrayList<>();
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      numbers.add(tag >>> 3);
      in.skipField(tag);
    }
    return numbers;
  }

  /** The wire value of field {@code number} in a message (the last occurrence). */
  static ByteString lengthDelimited(ByteString message, int number) throws Exception {
    CodedInputStream in = message.newCodedInput();
    ByteString found = null;
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      if (tag >>> 3 == number) {
        found = in.readBytes();
      } else {
        in.skipField(tag);
      }
    }
    return found;
  }

  @Test
  void rpcResponse_whoseLastOneofMemberIsPayload_stillReadsAsPayload_afterEncryptAndDecrypt() throws Exception {
    // rpc_response{request_id="r1", compressed_payload="zz", payload="p"}: in LiveKit's schema the
    // later oneof member wins, so a LiveKit reader sees payload "p".
    ByteArrayOutputStream rpc = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(rpc);
    out.writeString(1, "r1");
    out.writeBytes(4, ByteString.copyFromUtf8("zz"));
    out.writeString(2, "p");
    out.flush();
    ByteArrayOutputStream packet = new ByteArrayOutputStream();
    CodedOutputStream po = CodedOutputStream.newInstance(packet);
    po.writeString(4, "alice");
    po.writeBytes(12, ByteString.copyFrom(rpc.toByteArray()));
    po.flush();

    var keys = LiveKitDataPacketCryptorTest.shared(1);
    var alice = new LiveKitDataPacketCryptor(keys, LiveKitDataPacketCryptorTest.GCM, LiveKitDataPacketCryptorTest.ALICE);
    var bob = new LiveKitDataPacketCryptor(keys, LiveKitDataPacketCryptorTest.GCM, LiveKitDataPacketCryptorTest.BOB);
    DataPacketResult sent = alice.encrypt(packet.toByteArray());
    assertEquals(Status.ENCRYPTED, sent.status(), sent.describe());
    ByteString sealedRpc = lengthDelimited(ByteString.copyFrom(sent.payloadBytesOrNull()), 6);
    assertEquals(List.of(1, 2), oneofMembersAndId(sealedRpc), "sealed rpc_response fields");

    DataPacketResult got = bob.decrypt(sent.packetBytes());
    assertEquals(Status.DECRYPTED, got.status(), got.describe());
    ByteString deliveredRpc = lengthDelimited(ByteString.copyFrom(got.packetBytes()), 12);
    assertEquals(List.of(1, 2), oneofMembersAndId(deliveredRpc), "delivered rpc_response fields");
  }

  private static List<Integer> oneofMembersAndId(ByteString rpcResponse) throws Exception {
    return wireFieldNumbers(rpcResponse);
  }
}
