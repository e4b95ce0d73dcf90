package io.e2ee4j.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.protobuf.CodedOutputStream;
import io.e2ee4j.api.ParticipantId;
import io.e2ee4j.api.data.DataPacketCryptor;
import io.e2ee4j.api.data.DataPacketResult;
import io.e2ee4j.api.data.DataValueCase;
import io.e2ee4j.core.DefaultKeyProvider;
import io.e2ee4j.core.E2eeManager;
import io.e2ee4j.transport.datachannel.DataPackets;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fuzzes the decoding of received data-channel messages: a LiveKit {@code DataPacket} (protobuf)
 * whose value may be an {@code EncryptedPacket} ({@code iv}, {@code key_index}, {@code
 * encrypted_value}) sealing an {@code EncryptedPacketPayload}, through {@code
 * E2eeManager.createDataPacketCryptor(local).decrypt(ByteBuffer, ParticipantId)}, in shared-key mode
 * (no fallback sender: a packet naming none is filed under an unidentified clone of the shared
 * ring) and per-participant mode (fallback sender {@link FuzzRoom#SENDER}). The input is the wire
 * bytes. Invariants: no exception; never ENCRYPTED; DECRYPTED only with the payload of a genuine
 * seed packet (LiveKit does not authenticate the outer fields, so those may change); CLEAR only for
 * a packet that carries no encrypted packet, handed back byte for byte; FAILED always with a reason.
 */
@ExtendWith(ReplayCounter.class)
class DataPacketFuzzTest {

  private static final Receiver SHARED = new Receiver(true, null);
  private static final Receiver PER_PARTICIPANT = new Receiver(false, FuzzRoom.SENDER);

  @FuzzTest
  void sharedKey(byte[] wire) {
    SHARED.receive(wire);
  }

  @FuzzTest
  void perParticipantKeys(byte[] wire) {
    PER_PARTICIPANT.receive(wire);
  }

  /** A receiving data-packet cryptor and the payloads its genuine seeds decrypt to. */
  static final class Receiver {
    private final DataPacketCryptor cryptor;
    private final ParticipantId fallbackSender;
    private final Set<ByteBuffer> genuinePayloads = new HashSet<>();

    Receiver(boolean sharedKey, ParticipantId fallbackSender) {
      DefaultKeyProvider keys = FuzzRoom.keyProvider(sharedKey);
      this.cryptor = E2eeManager.builder().keyProvider(keys).build().createDataPacketCryptor(FuzzRoom.RECEIVER);
      this.fallbackSender = fallbackSender;
      for (Sealed s : seeds(sharedKey)) {
        genuinePayloads.add(ByteBuffer.wrap(s.payload()));
        // Also loads the parsing and failure paths before the timed inputs.
        receive(s.wire());
        receive(Arrays.copyOf(s.wire(), s.wire().length / 2));
      }
    }

    void receive(byte[] wire) {
      if (wire.length > FuzzRoom.MAX_INPUT_BYTES) {
        return;
      }
      DataPacketResult result;
      try {
        result = cryptor.decrypt(ByteBuffer.wrap(wire.clone()), fallbackSender);
      } catch (RuntimeException e) {
        throw new AssertionError("exception escaped DataPacketCryptor.decrypt on " + FrameInvariants.hex(wire), e);
      }
      switch (result.status()) {
        case DECRYPTED:
          if (!genuinePayloads.contains(ByteBuffer.wrap(result.payloadBytesOrNull()))) {
            throw new AssertionError("DECRYPTED a packet that is no genuine packet: " + FrameInvariants.hex(wire));
          }
          break;
        case CLEAR:
          if (result.valueCaseOrNull() == DataValueCase.ENCRYPTED_PACKET
              || !Arrays.equals(result.packetBytes(), wire)) {
            throw new AssertionError("CLEAR " + result + " on " + FrameInvariants.hex(wire));
          }
          break;
        case FAILED:
          if (result.failureOrNull() == null) {
            throw new AssertionError("FAILED without a reason on " + FrameInvariants.hex(wire));
          }
          break;
        default:
          throw new AssertionError("a receive answered " + result + " on " + FrameInvariants.hex(wire));
      }
    }
  }

  /** A sealed seed packet and the payload its encryption sealed. */
  record Sealed(byte[] wire, byte[] payload) {}

  /**
   * Genuine packets from {@link FuzzRoom#SENDER}: clear packets of several value cases, each sealed
   * under every key slot, with and without the sender's identity filled in (as the SFU does).
   */
  static List<Sealed> seeds(boolean sharedKey) {
    List<Sealed> sealed = new ArrayList<>();
    try (DefaultKeyProvider keys = FuzzRoom.keyProvider(sharedKey);
        E2eeManager manager = E2eeManager.builder().keyProvider(keys).build()) {
      DataPacketCryptor sender = manager.createDataPacketCryptor(FuzzRoom.SENDER);
      for (int index : FuzzRoom.KEY_INDEXES) {
        keys.setCurrentKeyIndex(FuzzRoom.SENDER, index);
        for (byte[] clear : clearPackets()) {
          DataPacketResult r = sender.encrypt(clear);
          if (r.status() != DataPacketResult.Status.ENCRYPTED) {
            throw new IllegalStateException("seed packet did not encrypt: " + r);
          }
          byte[] payload = r.payloadBytesOrNull();
          sealed.add(new Sealed(r.packetBytes(), payload));
          sealed.add(new Sealed(DataPackets.withParticipantIdentity(r.packet(), FuzzRoom.SENDER.value()), payload));
        }
      }
    }
    return sealed;
  }

  /** Clear DataPackets: user packets (with and without topic, empty), a chat message, an RPC request. */
  static List<byte[]> clearPackets() {
    List<byte[]> packets = new ArrayList<>();
    packets.add(DataPackets.userPacket("hello, room".getBytes(StandardCharsets.UTF_8), "chat"));
    packets.add(DataPackets.userPacket(new byte[] {0, 1, 2, 3, (byte) 0xff}, null));
    packets.add(DataPackets.userPacket(new byte[0], null));
    // DataPacket{destination_identities, chat_message(9){id, timestamp, message}}
    packets.add(message(9, out -> {
      out.writeString(1, "msg-1");
      out.writeInt64(2, 1_700_000_000_000L);
      out.writeString(3, "a chat message");
    }));
    // DataPacket{destination_identities, rpc_request(10){id, method, payload, response_timeout_ms, version}}
    packets.add(message(10, out -> {
      out.writeString(1, "rpc-1");
      out.writeString(2, "greet");
      out.writeString(3, "{\"name\":\"fuzz\"}");
      out.writeUInt32(4, 10_000);
      out.writeUInt32(5, 1);
    }));
    return packets;
  }

  private interface Fields {
    void write(CodedOutputStream out) throws IOException;
  }

  /** A DataPacket with destination identities and the value {@code field} holding {@code fields}. */
  private static byte[] message(int field, Fields fields) {
    try {
      ByteArrayOutputStream inner = new ByteArrayOutputStream();
      CodedOutputStream in = CodedOutputStream.newInstance(inner);
      fields.write(in);
      in.flush();
      ByteArrayOutputStream outer = new ByteArrayOutputStream();
      CodedOutputStream out = CodedOutputStream.newInstance(outer);
      out.writeString(5, "fuzz-receiver");
      out.writeByteArray(field, inner.toByteArray());
      out.flush();
      return outer.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
