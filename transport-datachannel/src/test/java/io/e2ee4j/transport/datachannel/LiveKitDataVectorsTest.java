package io.e2ee4j.transport.datachannel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.e2ee4j.api.KeyMaterial;
import io.e2ee4j.api.KeyProviderOptions;
import io.e2ee4j.api.ParticipantId;
import io.e2ee4j.api.data.DataPacketResult;
import io.e2ee4j.api.data.DataPacketResult.Status;
import io.e2ee4j.cipher.gcm.AesGcmEncryptionType;
import io.e2ee4j.core.DefaultKeyProvider;
import io.e2ee4j.testing.Hex;
import io.e2ee4j.testing.LiveKitJsVectors;
import io.e2ee4j.testing.Vectors;
import io.e2ee4j.transport.datachannel.internal.proto.DataPacket;
import io.e2ee4j.transport.datachannel.internal.proto.EncryptedPacket;
import io.e2ee4j.transport.datachannel.internal.proto.Encryption;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * LiveKit JS's own data-packet vectors ({@code livekit-js/public.json}, {@code dataPackets}), both
 * directions: sealing the vector's packet with LiveKit's IV (through the insecure fixed-IV hook)
 * gives LiveKit's iv, key_index and encrypted_value, and decrypting LiveKit's wire packet gives the
 * vector's payload and packet.
 */
class LiveKitDataVectorsTest {

  private static final AesGcmEncryptionType GCM = new AesGcmEncryptionType();

  private static DefaultKeyProvider keysFor(JsonObject v) {
    JsonObject kp = v.getAsJsonObject("keyProvider");
    JsonObject key = v.getAsJsonObject("key");
    KeyProviderOptions options = LiveKitJsVectors.keyProviderOptions(kp).build();
    JsonObject m = key.getAsJsonObject("material");
    KeyMaterial material = "passphrase".equals(m.get("type").getAsString())
        ? KeyMaterial.fromPassphrase(m.get("utf8").getAsString())
        : KeyMaterial.fromBytes(Hex.decode(m.get("hex").getAsString()));
    DefaultKeyProvider keys = new DefaultKeyProvider(options);
    int index = key.get("keyIndex").getAsInt();
    if (options.sharedKey()) {
      keys.setSharedKey(index, material);
    } else {
      keys.setKey(ParticipantId.of(v.get("senderIdentity").getAsString()), index, material);
    }
    return keys;
  }

  @Test
  void liveKitDataPacketVectors_encryptAndDecryptExactly() throws Exception {
    JsonObject root = Vectors.json("livekit-js/public.json");
    List<String> failures = new ArrayList<>();
    int count = 0;
    for (JsonElement e : root.getAsJsonArray("dataPackets")) {
      JsonObject v = e.getAsJsonObject();
      String id = v.get("id").getAsString();
      JsonObject expected = v.getAsJsonObject("expected");
      ParticipantId sender = ParticipantId.of(v.get("senderIdentity").getAsString());
      DefaultKeyProvider keys = keysFor(v);
      LiveKitDataPacketCryptor cryptor = new LiveKitDataPacketCryptor(keys, GCM, sender);
      byte[] liveKitWire = Hex.decode(expected.get("wireDataPacketHex").getAsString());
      DataPacket liveKitPacket = DataPacket.parseFrom(liveKitWire);
      DataPacket plain = DataPacket.parseFrom(Hex.decode(v.get("plaintextDataPacketHex").getAsString()));
      // LiveKit stamped the reliable sequence number while sending; give our sender the same.
      DataPacket toSend = plain.toBuilder().setSequence(liveKitPacket.getSequence()).build();
      String payloadHex = v.get("encryptedPacketPayloadHex").getAsString();

      // Encrypt with LiveKit's IV.
      DataPacketResult sent = cryptor.insecureEncryptWithFixedIv(ByteBuffer.wrap(toSend.toByteArray()),
          Hex.decode(expected.get("ivHex").getAsString()));
      if (sent.status() != Status.ENCRYPTED) {
        failures.add(id + ": encrypt " + sent.describe());
      } else {
        DataPacket ours = DataPacket.parseFrom(sent.packetBytes());
        EncryptedPacket ep = ours.getEncryptedPacket();
        check(failures, id, "iv", expected.get("ivHex").getAsString(), Hex.encode(ep.getIv().toByteArray()));
        check(failures, id, "key_index", expected.get("keyIndex").getAsInt(), ep.getKeyIndex());
        check(failures, id, "encrypted_value", expected.get("encryptedValueHex").getAsString(),
            Hex.encode(ep.getEncryptedValue().toByteArray()));
        check(failures, id, "payload", payloadHex, Hex.encode(sent.payloadBytesOrNull()));
        check(failures, id, "encryption_type", Encryption.Type.GCM, ep.getEncryptionType());
        // Decoded comparison: LiveKit JS leaves encryption_type unset (spec 5.2); all else equal.
        DataPacket oursAsJs = ours.toBuilder().setEncryptedPacket(ep.toBuilder().clearEncryptionType()).build();
        check(failures, id, "decoded packet", liveKitPacket, oursAsJs);
        // And both encoders write fields in number order, so even the bytes agree.
        check(failures, id, "wire bytes (JS labelling)", Hex.encode(liveKitWire), Hex.encode(oursAsJs.toByteArray()));
      }

      // Decrypt LiveKit's wire packet (it names no sender: no SFU stamped it).
      DataPacketResult received = cryptor.decrypt(ByteBuffer.wrap(liveKitWire), sender);
      if (received.status() != Status.DECRYPTED) {
        failures.add(id + ": decrypt " + received.describe());
      } else {
        check(failures, id, "decrypted payload", payloadHex, Hex.encode(received.payloadBytesOrNull()));
        check(failures, id, "rebuilt packet", toSend, DataPacket.parseFrom(received.packetBytes()));
        check(failures, id, "payload case", v.getAsJsonObject("decryptedByLiveKit").get("payloadCase").getAsString(),
            received.valueCaseOrNull().name().toLowerCase(java.util.Locale.ROOT));
      }
      count++;
      keys.close();
    }
    Vectors.report("livekit-js dataPackets (encrypt + decrypt)", count);
    assertTrue(count > 0, "no dataPackets vectors in the file");
    assertEquals(List.of(), failures);
  }

  private static void check(List<String> failures, String id, String what, Object expected, Object actual) {
    if (!expected.equals(actual)) {
      failures.add(id + ": " + what + " expected " + expected + " but was " + actual);
    }
  }
}
