package io.e2ee4j.transport.datachannel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnknownFieldSet;
import io.e2ee4j.api.KeyMaterial;
import io.e2ee4j.api.KeyProviderOptions;
import io.e2ee4j.api.ParticipantId;
import io.e2ee4j.api.data.DataFailureReason;
import io.e2ee4j.api.data.DataPacketResult;
import io.e2ee4j.api.data.DataPacketResult.Status;
import io.e2ee4j.api.data.DataValueCase;
import io.e2ee4j.api.spi.Aead;
import io.e2ee4j.api.spi.EncryptionType;
import io.e2ee4j.cipher.gcm.AesGcmEncryptionType;
import io.e2ee4j.core.DefaultKeyProvider;
import io.e2ee4j.transport.datachannel.internal.proto.ActiveSpeakerUpdate;
import io.e2ee4j.transport.datachannel.internal.proto.ChatMessage;
import io.e2ee4j.transport.datachannel.internal.proto.DataPacket;
import io.e2ee4j.transport.datachannel.internal.proto.DataStream;
import io.e2ee4j.transport.datachannel.internal.proto.EncryptedPacket;
import io.e2ee4j.transport.datachannel.internal.proto.EncryptedPacketPayload;
import io.e2ee4j.transport.datachannel.internal.proto.Encryption;
import io.e2ee4j.transport.datachannel.internal.proto.MetricsBatch;
import io.e2ee4j.transport.datachannel.internal.proto.RpcAck;
import io.e2ee4j.transport.datachannel.internal.proto.RpcError;
import io.e2ee4j.transport.datachannel.internal.proto.RpcRequest;
import io.e2ee4j.transport.datachannel.internal.proto.RpcResponse;
import io.e2ee4j.transport.datachannel.internal.proto.SipDTMF;
import io.e2ee4j.transport.datachannel.internal.proto.SpeakerInfo;
import io.e2ee4j.transport.datachannel.internal.proto.Transcription;
import io.e2ee4j.transport.datachannel.internal.proto.TranscriptionSegment;
import io.e2ee4j.transport.datachannel.internal.proto.UserPacket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** LiveKit data-packet encryption (spec section 5) without a network: every case, keys, failures. */
class LiveKitDataPacketCryptorTest {

  static final ParticipantId ALICE = ParticipantId.of("alice");
  static final ParticipantId BOB = ParticipantId.of("bob");
  static final EncryptionType GCM = new AesGcmEncryptionType();
  static final byte[] SECRET = "the quick secret marker 7f3a".getBytes(StandardCharsets.UTF_8);

  /** Raw 32-byte material derives with HKDF: fast, so tests can make many providers. */
  static KeyMaterial raw(int seed) {
    byte[] b = new byte[32];
    new Random(seed).nextBytes(b);
    return KeyMaterial.fromBytes(b);
  }

  static DefaultKeyProvider shared(int seed) {
    DefaultKeyProvider keys = new DefaultKeyProvider(KeyProviderOptions.externalSharedKey());
    keys.setSharedKey(0, raw(seed));
    return keys;
  }

  /** An unknown field (number 999) that must survive every transformation. */
  static UnknownFieldSet unknown() {
    return UnknownFieldSet.newBuilder()
        .addField(999, UnknownFieldSet.Field.newBuilder().addLengthDelimited(ByteString.copyFromUtf8("future")).build())
        .build();
  }

  /** One DataPacket per value case, each carrying {@link #SECRET} and outer fields. */
  @SuppressWarnings("deprecation") // kind and speaker are deprecated upstream but still on the wire
  static DataPacket packetOf(DataValueCase c) {
    String s = new String(SECRET, StandardCharsets.UTF_8);
    DataPacket.Builder b = DataPacket.newBuilder()
        .setKind(DataPacket.Kind.LOSSY)
        .setParticipantIdentity("alice")
        .addDestinationIdentities("bob")
        .addDestinationIdentities("carol")
        .setSequence(42)
        .setParticipantSid("PA_alice")
        .setUnknownFields(unknown());
    switch (c) {
      case USER:
        return b.setUser(UserPacket.newBuilder().setPayload(ByteString.copyFrom(SECRET)).setTopic("chat")
            .setNonce(ByteString.copyFromUtf8("n")).setUnknownFields(unknown())).build();
      case CHAT_MESSAGE:
        return b.setChatMessage(ChatMessage.newBuilder().setId("m1").setTimestamp(1700000000000L).setMessage(s)
            .setEditTimestamp(5)).build();
      case RPC_REQUEST:
        return b.setRpcRequest(RpcRequest.newBuilder().setId("r1").setMethod("sum").setPayload(s)
            .setResponseTimeoutMs(7000).setVersion(1)).build();
      case RPC_ACK:
        return b.setRpcAck(RpcAck.newBuilder().setRequestId(s)).build();
      case RPC_RESPONSE:
        return b.setRpcResponse(RpcResponse.newBuilder().setRequestId("r1")
            .setError(RpcError.newBuilder().setCode(1500).setMessage(s).setData("d"))).build();
      case STREAM_HEADER:
        return b.setStreamHeader(DataStream.Header.newBuilder().setStreamId("st1").setTimestamp(9).setTopic("t")
            .setMimeType("text/plain").setTotalLength(12).putAttributes("k", s)
            .setTextHeader(DataStream.TextHeader.newBuilder().setOperationType(DataStream.OperationType.UPDATE)
                .setVersion(2).addAttachedStreamIds("a"))).build();
      case STREAM_CHUNK:
        return b.setStreamChunk(DataStream.Chunk.newBuilder().setStreamId("st1").setChunkIndex(3)
            .setContent(ByteString.copyFrom(SECRET)).setVersion(1)).build();
      case STREAM_TRAILER:
        return b.setStreamTrailer(DataStream.Trailer.newBuilder().setStreamId("st1").setReason(s)
            .putAttributes("end", "1")).build();
      case SPEAKER:
        return b.setSpeaker(ActiveSpeakerUpdate.newBuilder().addSpeakers(SpeakerInfo.newBuilder().setSid(s)
            .setLevel(0.5f).setActive(true))).build();
      case SIP_DTMF:
        return b.setSipDtmf(SipDTMF.newBuilder().setCode(5).setDigit(s)).build();
      case TRANSCRIPTION:
        return b.setTranscription(Transcription.newBuilder().setTranscribedParticipantIdentity("alice")
            .setTrackId("TR_1").addSegments(TranscriptionSegment.newBuilder().setId("seg").setText(s)
                .setFinal(true).setLanguage("en"))).build();
      case METRICS:
        // MetricsBatch is opaque here: its content travels as unknown fields and must come back intact.
        return b.setMetrics(MetricsBatch.newBuilder().setUnknownFields(UnknownFieldSet.newBuilder()
            .addField(1, UnknownFieldSet.Field.newBuilder().addVarint(1234).build())
            .addField(3, UnknownFieldSet.Field.newBuilder().addLengthDelimited(ByteString.copyFrom(SECRET)).build())
            .build())).build();
      case NONE:
        return b.build();
      default:
        throw new IllegalArgumentException(c.toString());
    }
  }

  static Stream<DataValueCase> clearCases() {
    return EnumSet.allOf(DataValueCase.class).stream()
        .filter(c -> !c.isEncrypted() && c != DataValueCase.ENCRYPTED_PACKET && c != DataValueCase.NONE);
  }

  static Stream<DataValueCase> encryptedCases() {
    return EnumSet.allOf(DataValueCase.class).stream().filter(DataValueCase::isEncrypted);
  }

  static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  static DataPacket parseUnchecked(byte[] wire) {
    try {
      return parse(wire);
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }

  static DataPacket parse(byte[] wire) throws InvalidProtocolBufferException {
    return DataPacket.parseFrom(wire);
  }

  @ParameterizedTest
  @MethodSource("encryptedCases")
  void encryptedCase_isSealedIntoEncryptedPacket_andDecryptsToTheSamePacket(DataValueCase c) throws Exception {
    DataPacket original = packetOf(c);
    var sender = new LiveKitDataPacketCryptor(shared(1), GCM, ALICE);
    var receiver = new LiveKitDataPacketCryptor(shared(1), GCM, BOB);

    DataPacketResult sent = sender.encrypt(original.toByteArray());
    assertEquals(Status.ENCRYPTED, sent.status(), sent.describe());
    assertEquals(c, sent.valueCaseOrNull());
    byte[] wire = sent.packetBytes();
    assertFalse(contains(wire, SECRET), "plaintext visible on the wire");
    DataPacket onWire = parse(wire);
    assertEquals(DataPacket.ValueCase.ENCRYPTED_PACKET, onWire.getValueCase());
    assertEquals(Encryption.Type.GCM, onWire.getEncryptedPacket().getEncryptionType());
    assertEquals(12, onWire.getEncryptedPacket().getIv().size());
    assertEquals(0, onWire.getEncryptedPacket().getKeyIndex());
    // Outer fields (unknown ones too) are kept.
    assertEquals(original.toBuilder().clearValue().build(), onWire.toBuilder().clearValue().build());
    // The sealed payload is the value under the same case in an EncryptedPacketPayload.
    EncryptedPacketPayload payload = EncryptedPacketPayload.parseFrom(sent.payloadBytesOrNull());
    assertEquals(c.payloadFieldOrMinus1(), payload.getValueCase().getNumber());
    assertEquals(onWire.getEncryptedPacket().getEncryptedValue().size(),
        sent.payloadBytesOrNull().length + GCM.tagLengthBytes());

    DataPacketResult received = receiver.decrypt(wire);
    assertEquals(Status.DECRYPTED, received.status(), received.describe());
    assertEquals(c, received.valueCaseOrNull());
    assertEquals(ALICE, received.participantOrNull());
    assertEquals(original, parse(received.packetBytes()));
    assertArrayEquals(sent.payloadBytesOrNull(), received.payloadBytesOrNull());
  }

  @ParameterizedTest
  @MethodSource("clearCases")
  void clearCase_comesBackByteForByteUnchanged_bothWays(DataValueCase c) throws Exception {
    byte[] original = packetOf(c).toByteArray();
    var cryptor = new LiveKitDataPacketCryptor(shared(1), GCM, ALICE);

    DataPacketResult sent = cryptor.encrypt(original);
    assertEquals(Status.CLEAR, sent.status(), sent.describe());
    assertEquals(c, sent.valueCaseOrNull());
    assertArrayEquals(original, sent.packetBytes());
    assertNull(sent.payloadOrNull());

    DataPacketResult received = cryptor.decrypt(original);
    assertEquals(Status.CLEAR, received.status());
    assertEquals(c, received.valueCaseOrNull());
    assertArrayEquals(original, received.packetBytes());
    assertEquals(packetOf(c), parse(received.packetBytes()));
  }

  @Test
  void alreadyEncryptedPacket_isNotEncryptedTwice() {
    var cryptor = new LiveKitDataPacketCryptor(shared(1), GCM, ALICE);
    byte[] wire = cryptor.encrypt(packetOf(DataValueCase.USER).toByteArray()).packetBytes();
    DataPacketResult again = cryptor.encrypt(wire);
    assertEquals(Status.CLEAR, again.status());
    assertEquals(DataValueCase.ENCRYPTED_PACKET, again.valueCaseOrNull());
    assertArrayEquals(wire, again.packetBytes());
  }

  @Test
  void perParticipantKeys_atKeyIndex2_areChosenByTheOuterIdentity() throws Exception {
    KeyProviderOptions options = KeyProviderOptions.defaults();
    DefaultKeyProvider aliceKeys = new DefaultKeyProvider(options);
    aliceKeys.setKey(ALICE, 2, raw(10));
    DefaultKeyProvider bobKeys = new DefaultKeyProvider(options);
    bobKeys.setKey(ALICE, 2, raw(10));
    bobKeys.setKey(BOB, 0, raw(11));
    var alice = new LiveKitDataPacketCryptor(aliceKeys, GCM, ALICE);
    var bob = new LiveKitDataPacketCryptor(bobKeys, GCM, BOB);

    DataPacketResult sent = alice.encrypt(packetOf(DataValueCase.CHAT_MESSAGE).toByteArray());
    assertEquals(Status.ENCRYPTED, sent.status(), sent.describe());
    assertEquals(2, sent.keyIndex());
    byte[] wire = sent.packetBytes();
    assertEquals(2, parse(wire).getEncryptedPacket().getKeyIndex());

    DataPacketResult ok = bob.decrypt(wire);
    assertEquals(Status.DECRYPTED, ok.status(), ok.describe());
    assertEquals(2, ok.keyIndex());
    assertEquals(packetOf(DataValueCase.CHAT_MESSAGE), parse(ok.packetBytes()));

    // The same bytes claimed by bob: bob's ring has nothing at index 2.
    byte[] claimedByBob = parse(wire).toBuilder().setParticipantIdentity("bob").build().toByteArray();
    DataPacketResult wrongSender = bob.decrypt(claimedByBob);
    assertEquals(DataFailureReason.MISSING_KEY, wrongSender.failureOrNull());
    assertEquals(BOB, wrongSender.participantOrNull());

    // No identity on the packet (no SFU): refused unless the caller names the peer.
    byte[] anonymous = parse(wire).toBuilder().clearParticipantIdentity().build().toByteArray();
    assertEquals(DataFailureReason.UNKNOWN_SENDER, bob.decrypt(anonymous).failureOrNull());
    DataPacketResult named = bob.decrypt(ByteBuffer.wrap(anonymous), ALICE);
    assertEquals(Status.DECRYPTED, named.status(), named.describe());
    assertEquals(ALICE, named.participantOrNull());
  }

  @Test
  void wrongKey_failsWithAuthenticationFailed_namesTheParticipant_andCarriesNoBytes() {
    var alice = new LiveKitDataPacketCryptor(shared(1), GCM, ALICE);
    var eve = new LiveKitDataPacketCryptor(shared(2), GCM, BOB);
    DataPacketResult r = eve.decrypt(alice.encrypt(packetOf(DataValueCase.USER).toByteArray()).packetBytes());
    assertEquals(Status.FAILED, r.status());
    assertEquals(DataFailureReason.AUTHENTICATION_FAILED, r.failureOrNull());
    assertEquals(ALICE, r.participantOrNull());
    assertEquals(0, r.keyIndex());
    assertNull(r.payloadOrNull());
    assertEquals(0, r.packetLength());
    IllegalStateException e = assertThrows(IllegalStateException.class, r::packet);
    assertTrue(e.getMessage().contains("authentication failed") && e.getMessage().contains("alice"), e.getMessage());
  }

  @Test
  void unknownKeyIndex_failsWithMissingKey() throws Exception {
    var alice = new LiveKitDataPacketCryptor(shared(1), GCM, ALICE);
    DataPacket wire = parse(alice.encrypt(packetOf(DataValueCase.USER).toByteArray()).packetBytes());
    for (int index : new int[] {5, 15, 16, 255, 256, -1}) {
      byte[] moved = wire.toBuilder().setEncryptedPacket(wire.getEncryptedPacket().toBuilder().setKeyIndex(index))
          .build().toByteArray();
      DataPacketResult r = alice.decrypt(moved);
      assertEquals(DataFailureReason.MISSING_KEY, r.failureOrNull(), "index " + index + ": " + r.describe());
      assertEquals(ALICE, r.participantOrNull());
    }
  }

  @Test
  void senderWithoutKey_refusesToSend_missingKey() {
    DefaultKeyProvider keys = new DefaultKeyProvider(KeyProviderOptions.defaults());
    keys.setKey(BOB, 0, raw(3));
    DataPacketResult r = new LiveKitDataPacketCryptor(keys, GCM, ALICE).encrypt(packetOf(DataValueCase.USER).toByteArray());
    assertEquals(DataFailureReason.MISSING_KEY, r.failureOrNull());
    assertEquals(ALICE, r.participantOrNull());
    assertThrows(IllegalStateException.class, r::packetBytes);
  }

  @Test
  void everyTamperedByte_ofIvOrEncryptedValue_failsAuthentication() throws Exception {
    var alice = new LiveKitDataPacketCryptor(shared(1), GCM, ALICE);
    DataPacket wire = parse(alice.encrypt(packetOf(DataValueCase.RPC_REQUEST).toByteArray()).packetBytes());
    EncryptedPacket ep = wire.getEncryptedPacket();
    List<String> failures = new ArrayList<>();
    int checked = 0;
    for (int field = 0; field < 2; field++) {
      byte[] bytes = (field == 0 ? ep.getIv() : ep.getEncryptedValue()).toByteArray();
      for (int i = 0; i < bytes.length; i++) {
        byte[] t = bytes.clone();
        t[i] ^= (byte) (1 << (i % 8));
        EncryptedPacket.Builder tb = ep.toBuilder();
        if (field == 0) {
          tb.setIv(ByteString.copyFrom(t));
        } else {
          tb.setEncryptedValue(ByteString.copyFrom(t));
        }
        DataPacketResult r = alice.decrypt(wire.toBuilder().setEncryptedPacket(tb).build().toByteArray());
        checked++;
        if (r.failureOrNull() != DataFailureReason.AUTHENTICATION_FAILED || r.packetLength() != 0) {
          failures.add((field == 0 ? "iv" : "value") + " byte " + i + ": " + r.describe());
        }
      }
    }
    assertTrue(checked > 50);
    assertEquals(List.of(), failures);
  }

  @Test
  void wrongIvLength_orValueShorterThanTag_isMalformedEncryptedPacket() throws Exception {
    var alice = new LiveKitDataPacketCryptor(shared(1), GCM, ALICE);
    DataPacket wire = parse(alice.encrypt(packetOf(DataValueCase.USER).toByteArray()).packetBytes());
    EncryptedPacket ep = wire.getEncryptedPacket();
    byte[] shortIv = wire.toBuilder().setEncryptedPacket(ep.toBuilder().setIv(ep.getIv().substring(0, 11)))
        .build().toByteArray();
    byte[] shortValue = wire.toBuilder().setEncryptedPacket(ep.toBuilder().setEncryptedValue(
        ep.getEncryptedValue().substring(0, 15))).build().toByteArray();
    assertEquals(DataFailureReason.MALFORMED_ENCRYPTED_PACKET, alice.decrypt(shortIv).failureOrNull());
    assertEquals(DataFailureReason.MALFORMED_ENCRYPTED_PACKET, alice.decrypt(shortValue).failureOrNull());
  }

  @Test
  void malformedProtobuf_everyTruncationAndRandomBytes_neverThrows_neverDecrypts() {
    var alice = new LiveKitDataPacketCryptor(shared(1), GCM, ALICE);
    byte[] wire = alice.encrypt(packetOf(DataValueCase.STREAM_HEADER).toByteArray()).packetBytes();
    List<String> failures = new ArrayList<>();
    int malformed = 0;
    for (int n = 0; n < wire.length; n++) {
      byte[] cut = java.util.Arrays.copyOf(wire, n);
      DataPacketResult r = alice.decrypt(cut);
      // Outer fields are not authenticated (spec 5.2): a cut that drops only fields written after
      // encrypted_packet (here the unknown field 999) still decrypts, and then to the whole value.
      if (r.status() == Status.DECRYPTED && !sameValue(r, DataValueCase.STREAM_HEADER)) {
        failures.add("truncated to " + n + " decrypted to a different value");
      }
      malformed += r.failureOrNull() == DataFailureReason.MALFORMED_PACKET ? 1 : 0;
    }
    long seed = 20261203L;
    Random random = new Random(seed);
    for (int i = 0; i < 3000; i++) {
      byte[] junk = new byte[random.nextInt(200)];
      random.nextBytes(junk);
      for (boolean send : new boolean[] {false, true}) {
        DataPacketResult r = send ? alice.encrypt(junk) : alice.decrypt(junk);
        if (r.status() == Status.DECRYPTED || r.status() == Status.ENCRYPTED && send && r.packetLength() == 0) {
          failures.add("seed " + seed + " input " + i + ": " + r.describe());
        }
        malformed += r.failureOrNull() == DataFailureReason.MALFORMED_PACKET ? 1 : 0;
      }
    }
    assertEquals(List.of(), failures);
    assertTrue(malformed > wire.length, "most garbage must be refused as malformed, was " + malformed);
  }

  private static boolean sameValue(DataPacketResult r, DataValueCase c) {
    try {
      return parse(r.packetBytes()).getStreamHeader().equals(packetOf(c).getStreamHeader());
    } catch (InvalidProtocolBufferException e) {
      return false;
    }
  }

  @Test
  void oversizedPacket_isRefusedBeforeParsing() {
    var small = new LiveKitDataPacketCryptor(shared(1), GCM, ALICE, 64);
    byte[] big = DataPackets.userPacket(new byte[100], null);
    assertEquals(DataFailureReason.MALFORMED_PACKET, small.encrypt(big).failureOrNull());
    assertEquals(DataFailureReason.MALFORMED_PACKET, small.decrypt(big).failureOrNull());
  }

  /** Seals {@code plaintext} as alice would, but with a payload of our choosing. */
  static byte[] sealRaw(DefaultKeyProvider keys, byte[] plaintext) throws GeneralSecurityException {
    var key = keys.keyHandler(ALICE).keyOrNull(0);
    byte[] iv = new byte[12];
    key.nextIv(ByteBuffer.wrap(iv), 12);
    Aead aead = key.aead(GCM);
    byte[] out = new byte[plaintext.length + 16];
    aead.seal(ByteBuffer.wrap(iv), ByteBuffer.allocate(0), ByteBuffer.wrap(plaintext), ByteBuffer.wrap(out));
    return DataPacket.newBuilder().setParticipantIdentity("alice").setEncryptedPacket(EncryptedPacket.newBuilder()
        .setIv(ByteString.copyFrom(iv)).setEncryptedValue(ByteString.copyFrom(out))).build().toByteArray();
  }

  @Test
  void authenticPayloadThatIsNotAPayload_isMalformedPayload_andNothingIsDelivered() throws Exception {
    DefaultKeyProvider keys = shared(1);
    var bob = new LiveKitDataPacketCryptor(keys, GCM, BOB);
    byte[] garbage = {(byte) 0xff, (byte) 0xff, (byte) 0xff};
    byte[] empty = {};
    byte[] unknownCase = EncryptedPacketPayload.newBuilder().setUnknownFields(unknown()).build().toByteArray();
    byte[] clearCaseNumber = {0x12, 0x00}; // field 2 of the payload is not a payload case
    for (byte[] plain : List.of(garbage, empty, unknownCase, clearCaseNumber)) {
      DataPacketResult r = bob.decrypt(sealRaw(keys, plain));
      assertEquals(DataFailureReason.MALFORMED_PAYLOAD, r.failureOrNull(), r.describe());
      assertEquals(ALICE, r.participantOrNull());
      assertNull(r.payloadOrNull());
    }
  }

  @ParameterizedTest
  @EnumSource(Encryption.Type.class)
  void receiver_ignoresEncryptionTypeField(Encryption.Type declared) throws Exception {
    if (declared == Encryption.Type.UNRECOGNIZED) {
      return;
    }
    var alice = new LiveKitDataPacketCryptor(shared(1), GCM, ALICE);
    DataPacket wire = parse(alice.encrypt(packetOf(DataValueCase.USER).toByteArray()).packetBytes());
    byte[] relabelled = wire.toBuilder().setEncryptedPacket(wire.getEncryptedPacket().toBuilder()
        .setEncryptionType(declared)).build().toByteArray();
    assertEquals(Status.DECRYPTED, alice.decrypt(relabelled).status());
  }

  @Test
  void nonGcmType_isLabelledCustom_andStillRoundTrips() throws Exception {
    EncryptionType custom = new EncryptionType() {
      @Override public String id() {
        return "custom-test";
      }

      @Override public int ivLengthBytes() {
        return 12;
      }

      @Override public int tagLengthBytes() {
        return 16;
      }

      @Override public boolean supportsKeyLength(int n) {
        return GCM.supportsKeyLength(n);
      }

      @Override public Aead newAead(byte[] key) throws GeneralSecurityException {
        return GCM.newAead(key);
      }
    };
    var alice = new LiveKitDataPacketCryptor(shared(1), custom, ALICE);
    byte[] wire = alice.encrypt(packetOf(DataValueCase.STREAM_CHUNK).toByteArray()).packetBytes();
    assertEquals(Encryption.Type.CUSTOM, parse(wire).getEncryptedPacket().getEncryptionType());
    assertEquals(packetOf(DataValueCase.STREAM_CHUNK), parse(alice.decrypt(wire).packetBytes()));
  }

  @Test
  void ivs_neverRepeat_overManyPackets() throws Exception {
    var alice = new LiveKitDataPacketCryptor(shared(1), GCM, ALICE);
    byte[] packet = DataPackets.userPacket(new byte[] {1}, null);
    Set<ByteString> ivs = new HashSet<>();
    int n = 5000;
    for (int i = 0; i < n; i++) {
      ivs.add(parse(alice.encrypt(packet).packetBytes()).getEncryptedPacket().getIv());
    }
    assertEquals(n, ivs.size());
  }

  @Test
  void concurrentSenders_getDistinctIvs_andEveryPacketDecrypts() throws Exception {
    DefaultKeyProvider keys = shared(1);
    var alice = new LiveKitDataPacketCryptor(keys, GCM, ALICE);
    var bob = new LiveKitDataPacketCryptor(keys, GCM, BOB);
    int threads = 4;
    int each = 1500;
    Set<ByteString> ivs = java.util.concurrent.ConcurrentHashMap.newKeySet();
    List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int id = t;
      Thread w = new Thread(() -> {
        for (int i = 0; i < each; i++) {
          byte[] payload = ("t" + id + "-" + i).getBytes(StandardCharsets.UTF_8);
          DataPacketResult sent = alice.encrypt(DataPackets.userPacket(payload, null));
          try {
            ivs.add(parse(sent.packetBytes()).getEncryptedPacket().getIv());
          } catch (InvalidProtocolBufferException e) {
            failures.add(e.toString());
          }
          DataPacketResult got = bob.decrypt(ByteBuffer.wrap(sent.packetBytes()), ALICE);
          if (!java.util.Arrays.equals(payload, DataPackets.userPayloadOrNull(got.packet()))) {
            failures.add("thread " + id + " packet " + i + ": " + got.describe());
          }
        }
      });
      workers.add(w);
      w.start();
    }
    for (Thread w : workers) {
      w.join();
    }
    assertEquals(List.of(), failures);
    assertEquals(threads * each, ivs.size());
  }

  @Test
  void wrongKeyPackets_neverCountAgainstTheSendersMediaKey() {
    KeyProviderOptions options = KeyProviderOptions.builder().sharedKey(false).ratchetWindowSize(0)
        .failureTolerance(2).build();
    DefaultKeyProvider right = new DefaultKeyProvider(options);
    right.setKey(ALICE, 0, raw(1));
    DefaultKeyProvider wrong = new DefaultKeyProvider(options);
    wrong.setKey(ALICE, 0, raw(2));
    var alice = new LiveKitDataPacketCryptor(right, GCM, ALICE);
    var bob = new LiveKitDataPacketCryptor(wrong, GCM, BOB);
    List<DataFailureReason> seen = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      seen.add(bob.decrypt(alice.encrypt(packetOf(DataValueCase.USER).toByteArray()).packetBytes()).failureOrNull());
    }
    assertEquals(java.util.Collections.nCopies(20, DataFailureReason.AUTHENTICATION_FAILED), seen);
    assertTrue(wrong.keyHandler(ALICE).isKeyValid(0), "20 forged packets must not lock alice's media out");
  }

  @ParameterizedTest
  @MethodSource("encryptedCases")
  void clearPacketOfAnEncryptedCase_isRefusedByDefault_andPassesOnlyWhenAccepted(DataValueCase c) {
    byte[] clear = packetOf(c).toByteArray();
    var refusing = new LiveKitDataPacketCryptor(shared(1), GCM, BOB);
    DataPacketResult refused = refusing.decrypt(clear);
    assertEquals(DataFailureReason.PLAINTEXT_NOT_ALLOWED, refused.failureOrNull());
    assertFalse(refused.isOk());
    var accepting = new LiveKitDataPacketCryptor(shared(1), GCM, BOB, LiveKitDataPacketCryptor.DEFAULT_MAX_PACKET_BYTES,
        io.e2ee4j.api.media.UnencryptedFramePolicy.ACCEPT);
    assertEquals(Status.CLEAR, accepting.decrypt(clear).status());
  }

  @Test
  void aPacketWithNoKnownValueCase_isRefusedByDefault() {
    byte[] unknownOnly = {(byte) 0xf8, 0x07, 0x01}; // field 127, varint 1: no case this version knows
    DataPacketResult r = new LiveKitDataPacketCryptor(shared(1), GCM, BOB).decrypt(unknownOnly);
    assertEquals(DataFailureReason.PLAINTEXT_NOT_ALLOWED, r.failureOrNull());
  }

  @Test
  void everyOneByteEditOfAnEncryptedPacket_isRefusedOrDecryptsToTheSamePayload_neverClear() {
    DefaultKeyProvider keys = shared(1);
    var alice = new LiveKitDataPacketCryptor(keys, GCM, ALICE);
    DataPacketResult sent = alice.encrypt(packetOf(DataValueCase.USER).toByteArray());
    byte[] wire = sent.packetBytes();
    List<String> problems = new ArrayList<>();
    int decrypted = 0;
    for (int i = 0; i < wire.length; i++) {
      for (int v = 0; v < 256; v++) {
        if (v == (wire[i] & 0xff)) {
          continue;
        }
        byte[] edited = wire.clone();
        edited[i] = (byte) v;
        DataPacketResult r = alice.decrypt(edited);
        if (r.status() == Status.CLEAR) {
          problems.add("byte " + i + " = " + v + ": CLEAR " + r.valueCaseOrNull());
        } else if (r.isOk()) {
          decrypted++;
          if (!java.util.Arrays.equals(sent.payloadBytesOrNull(), r.payloadBytesOrNull())) {
            problems.add("byte " + i + " = " + v + ": decrypted to another payload");
          }
        }
      }
    }
    System.out.println("[data] one-byte edits of a " + wire.length + "-byte packet: " + (wire.length * 255)
        + " tried, " + decrypted + " decrypted to the original payload (outer fields are not authenticated),"
        + " none clear");
    assertEquals(List.of(), problems);
  }

  @Test
  void packetsNamingUnknownIdentities_createNoKeyState() {
    DefaultKeyProvider keys = new DefaultKeyProvider(KeyProviderOptions.builder().sharedKey(true).build());
    keys.setSharedKey(0, raw(1));
    var alice = new LiveKitDataPacketCryptor(keys, GCM, ALICE);
    byte[] wire = alice.encrypt(packetOf(DataValueCase.USER).toByteArray()).packetBytes();
    int before = keys.participantCount();
    for (int i = 0; i < 10_000; i++) {
      byte[] forged = DataPacket.newBuilder(parseUnchecked(wire)).setParticipantIdentity("forged-" + i).build()
          .toByteArray();
      assertEquals(Status.DECRYPTED, alice.decrypt(forged).status(), "a shared key opens it for any name");
    }
    assertEquals(before, keys.participantCount());
  }

  @Test
  void fixedIvHook_refusesAnIvOfTheWrongLength() {
    var alice = new LiveKitDataPacketCryptor(shared(1), GCM, ALICE);
    DataPacketResult r = alice.insecureEncryptWithFixedIv(
        ByteBuffer.wrap(packetOf(DataValueCase.USER).toByteArray()), new byte[8]);
    assertEquals(DataFailureReason.ENCRYPTION_FAILED, r.failureOrNull());
  }

  @Test
  void toStringAndDescribe_neverShowPlaintext() {
    var alice = new LiveKitDataPacketCryptor(shared(1), GCM, ALICE);
    DataPacketResult r = alice.encrypt(packetOf(DataValueCase.USER).toByteArray());
    String s = r + " " + r.describe() + " " + alice;
    assertFalse(s.contains(new String(SECRET, StandardCharsets.UTF_8)), s);
    assertNotEquals("", r.describe());
  }

  @Test
  void textFormat_ofPacketAndDecryptedPayload_namesTheFields() {
    var alice = new LiveKitDataPacketCryptor(shared(1), GCM, ALICE);
    DataPacketResult sent = alice.encrypt(packetOf(DataValueCase.RPC_REQUEST).toByteArray());
    String wireText = DataPackets.toText(sent.packet());
    assertTrue(wireText.contains("encrypted_packet {") && wireText.contains("encryption_type: GCM")
        && wireText.contains("sequence: 42"), wireText);
    String payloadText = DataPackets.payloadToText(alice.decrypt(sent.packetBytes()).payloadOrNull());
    assertTrue(payloadText.startsWith("rpc_request {") && payloadText.contains("method: \"sum\""), payloadText);
  }

  @Test
  void dataPacketsHelpers_buildAndReadUserPackets() {
    byte[] wire = DataPackets.userPacket(SECRET, "topic");
    assertEquals(DataValueCase.USER, DataPackets.valueCase(ByteBuffer.wrap(wire)));
    assertArrayEquals(SECRET, DataPackets.userPayloadOrNull(ByteBuffer.wrap(wire)));
    byte[] stamped = DataPackets.withParticipantIdentity(ByteBuffer.wrap(wire), "alice");
    assertEquals("alice", DataPackets.participantIdentity(ByteBuffer.wrap(stamped)));
    assertNull(DataPackets.userPayloadOrNull(ByteBuffer.wrap(packetOf(DataValueCase.SIP_DTMF).toByteArray())));
    assertThrows(IllegalArgumentException.class, () -> DataPackets.valueCase(ByteBuffer.wrap(new byte[] {(byte) 0xff})));
  }
}
