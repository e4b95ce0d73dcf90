package io.e2ee4j.transport.datachannel;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnsafeByteOperations;
import io.e2ee4j.api.CryptoKey;
import io.e2ee4j.api.KeyHandler;
import io.e2ee4j.api.KeyIndex;
import io.e2ee4j.api.KeyProvider;
import io.e2ee4j.api.ParticipantId;
import io.e2ee4j.api.data.DataFailureReason;
import io.e2ee4j.api.data.DataPacketCryptor;
import io.e2ee4j.api.data.DataPacketResult;
import io.e2ee4j.api.data.DataValueCase;
import io.e2ee4j.api.media.UnencryptedFramePolicy;
import io.e2ee4j.api.spi.Aead;
import io.e2ee4j.api.spi.EncryptionType;
import io.e2ee4j.transport.datachannel.internal.ValueCases;
import io.e2ee4j.transport.datachannel.internal.proto.DataPacket;
import io.e2ee4j.transport.datachannel.internal.proto.EncryptedPacket;
import io.e2ee4j.transport.datachannel.internal.proto.EncryptedPacketPayload;
import io.e2ee4j.transport.datachannel.internal.proto.Encryption;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * LiveKit's data-packet encryption (spec section 5): the {@link DataPacketCryptor} that turns the
 * encrypted value cases of a {@code DataPacket} into an {@code EncryptedPacket} and back,
 * byte-compatible with LiveKit's JS, Android, Swift and Rust clients.
 *
 * <p><b>Sending.</b> The value moves into an {@code EncryptedPacketPayload} under the same case; the
 * serialised payload is sealed with the local participant's current key ({@link
 * KeyHandler#currentKeyIndex()}) through the configured {@link EncryptionType}, with no additional
 * data and an IV from {@link CryptoKey#nextIv} (unique per key; the send is refused once a key has
 * issued {@link CryptoKey#MAX_IVS_PER_KEY} IVs). The packet then carries {@code
 * encrypted_packet{encryption_type, iv, key_index, encrypted_value}}, where {@code encryption_type}
 * is {@code GCM} for the {@code "gcm"} type (as LiveKit's native SDKs write) and {@code CUSTOM}
 * for any other. All outer fields, unknown ones included, are kept.
 *
 * <p><b>Receiving.</b> Every {@code encrypted_packet} is opened, whatever its {@code
 * encryption_type} says, with the key of the outer {@code participant_identity} (in shared-key
 * mode that participant's clone of the shared ring, or the shared ring itself) at {@code
 * key_index}. Keys are only looked up ({@link KeyProvider#findKeyHandlerOrNull}): the identity is
 * the peer's word, so a packet never creates state for it. There is no auto-ratchet for data
 * packets (LiveKit JS has none either), and failures do not count against the key's failure
 * tolerance, so forged packets cannot lock a participant's media out. A clear packet of a case
 * LiveKit sends encrypted (user, chat, RPC, streams), or one that holds no known value case, is
 * refused with {@link DataFailureReason#PLAINTEXT_NOT_ALLOWED} unless the cryptor was made with
 * {@link UnencryptedFramePolicy#ACCEPT}; cases that always travel in clear are returned {@code
 * CLEAR}. Work per packet is one decryption, bounded by the packet's size, which is limited by
 * {@link #maxPacketBytes()}.
 *
 * <p>Thread safety: safe for concurrent use; takes no lock of its own (the key provider's readers
 * do not block).
 */
public final class LiveKitDataPacketCryptor implements DataPacketCryptor {

  /** The default limit on an input packet's size: 16 MiB, far above any data channel's message size. */
  public static final int DEFAULT_MAX_PACKET_BYTES = 16 << 20;

  /**
   * The identity a shared-key receiver files packets under when they name no sender and the caller
   * gave none (its failure counts go to this clone of the shared ring).
   */
  static final ParticipantId UNIDENTIFIED = ParticipantId.of("(unidentified sender)");

  /** How often a packet whose key was replaced under it is tried with the key that replaced it. */
  private static final int KEY_REPLACED_RETRIES = 4;

  private static final ByteBuffer NO_AAD = ByteBuffer.allocate(0).asReadOnlyBuffer();

  private final KeyProvider keys;
  private final EncryptionType type;
  private final ParticipantId local;
  private final int maxPacketBytes;
  private final Encryption.Type wireType;
  private final boolean sharedKeyMode;
  private final UnencryptedFramePolicy clearPacketPolicy;

  /**
   * A cryptor with the default size limit.
   *
   * @param keys the room's keys; the local participant's current key seals
   * @param type the cipher, such as the {@code "gcm"} type; its IV must be 8..36 bytes long
   * @param local the local participant
   * @throws IllegalArgumentException if the type's IV length is outside 8..36 bytes
   */
  public LiveKitDataPacketCryptor(KeyProvider keys, EncryptionType type, ParticipantId local) {
    this(keys, type, local, DEFAULT_MAX_PACKET_BYTES);
  }

  /**
   * A cryptor that refuses input packets over {@code maxPacketBytes}.
   *
   * @throws IllegalArgumentException if the type's IV length is outside 8..36 bytes or the limit is
   *     not positive
   */
  public LiveKitDataPacketCryptor(KeyProvider keys, EncryptionType type, ParticipantId local, int maxPacketBytes) {
    this(keys, type, local, maxPacketBytes, UnencryptedFramePolicy.REFUSE_AND_REPORT);
  }

  /**
   * A cryptor that refuses input packets over {@code maxPacketBytes} and treats clear packets of
   * encrypted cases as {@code clearPacketPolicy} says.
   *
   * @throws IllegalArgumentException if the type's IV length is outside 8..36 bytes or the limit is
   *     not positive
   */
  public LiveKitDataPacketCryptor(KeyProvider keys, EncryptionType type, ParticipantId local, int maxPacketBytes,
      UnencryptedFramePolicy clearPacketPolicy) {
    this.clearPacketPolicy = Objects.requireNonNull(clearPacketPolicy, "clearPacketPolicy is null");
    this.keys = Objects.requireNonNull(keys, "keys is null");
    this.type = Objects.requireNonNull(type, "type is null");
    this.local = Objects.requireNonNull(local, "local is null");
    int ivLength = type.ivLengthBytes();
    if (ivLength < 8 || ivLength > 36) {
      throw new IllegalArgumentException("IV length of type " + type.id() + " must be 8..36, is " + ivLength);
    }
    if (maxPacketBytes <= 0) {
      throw new IllegalArgumentException("maxPacketBytes must be positive, was " + maxPacketBytes);
    }
    this.maxPacketBytes = maxPacketBytes;
    this.wireType = "gcm".equals(type.id()) ? Encryption.Type.GCM : Encryption.Type.CUSTOM;
    this.sharedKeyMode = keys.options().sharedKey();
  }

  @Override
  public ParticipantId localParticipant() {
    return local;
  }

  @Override
  public EncryptionType encryptionType() {
    return type;
  }

  /** The largest input packet accepted, in bytes. */
  public int maxPacketBytes() {
    return maxPacketBytes;
  }

  /**
   * The most bytes encryption adds to a packet: the EncryptedPacket's framing, IV and tag. An
   * encrypted packet is at most its clear form's length plus this.
   */
  public int maxOverheadBytes() {
    // field 18 tag (2) + length (<= 5) + encryption_type (2) + iv (2 + IV) + key_index (3)
    // + encrypted_value tag and length (<= 6) + tag; the value's own tag and length move inside.
    return 20 + type.ivLengthBytes() + type.tagLengthBytes();
  }

  @Override
  public DataPacketResult encrypt(ByteBuffer dataPacket) {
    return seal(dataPacket, null);
  }

  @Override
  public DataPacketResult insecureEncryptWithFixedIv(ByteBuffer dataPacket, byte[] iv) {
    Objects.requireNonNull(iv, "iv is null");
    return seal(dataPacket, iv.clone());
  }

  private DataPacketResult seal(ByteBuffer input, byte[] fixedIv) {
    Objects.requireNonNull(input, "dataPacket is null");
    int length = input.remaining();
    if (length > maxPacketBytes) {
      input.position(input.limit());
      return DataPacketResult.failed(DataFailureReason.MALFORMED_PACKET, local, -1,
          "DataPacket of " + length + " bytes exceeds the limit of " + maxPacketBytes);
    }
    ByteBuffer packetBytes = consume(input);
    DataPacket packet;
    try {
      packet = DataPacket.parseFrom(packetBytes.duplicate());
    } catch (InvalidProtocolBufferException e) {
      return DataPacketResult.failed(DataFailureReason.MALFORMED_PACKET, local, -1,
          "not a DataPacket: " + e.getMessage());
    }
    DataValueCase valueCase = ValueCases.of(packet.getValueCase());
    if (!valueCase.isEncrypted()) {
      return DataPacketResult.clear(copyOf(packetBytes), valueCase, local);
    }

    KeyHandler handler = keys.keyHandler(local);
    int keyIndex = handler.currentKeyIndex();
    CryptoKey key = handler.keyOrNull(keyIndex);
    if (key == null) {
      return DataPacketResult.failed(DataFailureReason.MISSING_KEY, local, keyIndex, "");
    }
    int ivLength = type.ivLengthBytes();
    if (fixedIv != null && fixedIv.length != ivLength) {
      return DataPacketResult.failed(DataFailureReason.ENCRYPTION_FAILED, local, keyIndex,
          "fixed IV is " + fixedIv.length + " bytes, the type needs " + ivLength);
    }
    // The cipher first, then the IV: a cipher keeps its own copy of the key, so once both are in
    // hand the key may be replaced (and destroyed) without harm. A key destroyed before that is
    // replaced: seal under its successor, never drop the packet for the race.
    byte[] iv = fixedIv != null ? fixedIv : new byte[ivLength];
    Aead aead = null;
    for (int attempt = 1; aead == null; attempt++) {
      try {
        Aead cipher = key.aead(type);
        if (fixedIv != null || key.nextIv(ByteBuffer.wrap(iv), ivLength)) {
          aead = cipher;
          continue;
        }
        if (!key.isDestroyed()) {
          return DataPacketResult.failed(DataFailureReason.ENCRYPTION_FAILED, local, keyIndex,
              "the key issued all its IVs; set or ratchet a new key");
        }
      } catch (GeneralSecurityException e) {
        return DataPacketResult.failed(DataFailureReason.ENCRYPTION_FAILED, local, keyIndex,
            e.getClass().getSimpleName());
      } catch (IllegalStateException destroyed) {
        // replaced before its cipher was made
      }
      CryptoKey replacement = handler.keyOrNull(keyIndex);
      if (attempt > KEY_REPLACED_RETRIES || replacement == null || replacement == key) {
        return DataPacketResult.failed(DataFailureReason.ENCRYPTION_FAILED, local, keyIndex, "the key was removed");
      }
      key = replacement;
    }

    byte[] plaintext = ValueCases.toPayload(packet).toByteArray();
    byte[] sealed = new byte[plaintext.length + type.tagLengthBytes()];
    int sealedLength;
    try {
      sealedLength = aead.seal(ByteBuffer.wrap(iv), NO_AAD.duplicate(), ByteBuffer.wrap(plaintext),
          ByteBuffer.wrap(sealed));
    } catch (GeneralSecurityException e) {
      Arrays.fill(plaintext, (byte) 0);
      return DataPacketResult.failed(DataFailureReason.ENCRYPTION_FAILED, local, keyIndex,
          e.getClass().getSimpleName());
    }
    ByteString encryptedValue = sealedLength == sealed.length
        ? UnsafeByteOperations.unsafeWrap(sealed)
        : ByteString.copyFrom(sealed, 0, sealedLength);
    EncryptedPacket encrypted = EncryptedPacket.newBuilder()
        .setEncryptionType(wireType)
        .setIv(UnsafeByteOperations.unsafeWrap(iv))
        .setKeyIndex(keyIndex)
        .setEncryptedValue(encryptedValue)
        .build();
    byte[] wire = packet.toBuilder().setEncryptedPacket(encrypted).build().toByteArray();
    return DataPacketResult.transformed(DataPacketResult.Status.ENCRYPTED, wire, plaintext, valueCase, local,
        keyIndex);
  }

  @Override
  public DataPacketResult decrypt(ByteBuffer wire, ParticipantId senderIfAbsent) {
    Objects.requireNonNull(wire, "wire is null");
    int length = wire.remaining();
    if (length > maxPacketBytes) {
      wire.position(wire.limit());
      return DataPacketResult.failed(DataFailureReason.MALFORMED_PACKET, senderIfAbsent, -1,
          "DataPacket of " + length + " bytes exceeds the limit of " + maxPacketBytes);
    }
    ByteBuffer packetBytes = consume(wire);
    DataPacket packet;
    try {
      packet = DataPacket.parseFrom(packetBytes.duplicate());
    } catch (InvalidProtocolBufferException e) {
      return DataPacketResult.failed(DataFailureReason.MALFORMED_PACKET, senderIfAbsent, -1,
          "not a DataPacket: " + e.getMessage());
    }
    String identity = packet.getParticipantIdentity();
    ParticipantId sender = identity.isEmpty() ? senderIfAbsent : ParticipantId.of(identity);
    if (packet.getValueCase() != DataPacket.ValueCase.ENCRYPTED_PACKET) {
      return clearOrRefused(packet, packetBytes, sender);
    }
    EncryptedPacket encrypted = packet.getEncryptedPacket();

    int keyIndex = encrypted.getKeyIndex();
    if (keyIndex < 0 || keyIndex > KeyIndex.MAX) {
      return DataPacketResult.failed(DataFailureReason.MISSING_KEY, sender, -1,
          "key index " + Integer.toUnsignedString(keyIndex) + " is past 255");
    }
    if (encrypted.getIv().size() != type.ivLengthBytes()) {
      return DataPacketResult.failed(DataFailureReason.MALFORMED_ENCRYPTED_PACKET, sender, keyIndex,
          "IV is " + encrypted.getIv().size() + " bytes, " + type.id() + " uses " + type.ivLengthBytes());
    }
    int sealedLength = encrypted.getEncryptedValue().size();
    if (sealedLength < type.tagLengthBytes()) {
      return DataPacketResult.failed(DataFailureReason.MALFORMED_ENCRYPTED_PACKET, sender, keyIndex,
          "encrypted value of " + sealedLength + " bytes is shorter than the tag");
    }
    if (sender == null && !sharedKeyMode) {
      return DataPacketResult.failed(DataFailureReason.UNKNOWN_SENDER, null, keyIndex, "");
    }
    KeyHandler handler = keys.findKeyHandlerOrNull(sender != null ? sender : UNIDENTIFIED);
    CryptoKey key = handler == null ? null : handler.keyOrNull(keyIndex);
    if (key == null) {
      return DataPacketResult.failed(DataFailureReason.MISSING_KEY, sender, keyIndex, "");
    }

    byte[] plaintext = new byte[sealedLength - type.tagLengthBytes()];
    int plainLength = -1;
    for (int attempt = 1; plainLength < 0; attempt++) {
      try {
        plainLength = key.aead(type).open(encrypted.getIv().asReadOnlyByteBuffer(), NO_AAD.duplicate(),
            encrypted.getEncryptedValue().asReadOnlyByteBuffer(), ByteBuffer.wrap(plaintext));
      } catch (GeneralSecurityException e) {
        Arrays.fill(plaintext, (byte) 0);
        return DataPacketResult.failed(DataFailureReason.AUTHENTICATION_FAILED, sender, keyIndex, "");
      } catch (IllegalStateException destroyed) {
        // Replaced or removed between the lookup and the use: open with its successor, if any.
        CryptoKey replacement = handler.keyOrNull(keyIndex);
        if (attempt > KEY_REPLACED_RETRIES || replacement == null || replacement == key) {
          Arrays.fill(plaintext, (byte) 0);
          return DataPacketResult.failed(DataFailureReason.MISSING_KEY, sender, keyIndex, "key removed");
        }
        key = replacement;
      }
    }
    if (plainLength != plaintext.length) {
      byte[] exact = Arrays.copyOf(plaintext, plainLength);
      Arrays.fill(plaintext, (byte) 0);
      plaintext = exact;
    }

    EncryptedPacketPayload payload;
    try {
      payload = EncryptedPacketPayload.parseFrom(plaintext);
    } catch (InvalidProtocolBufferException e) {
      Arrays.fill(plaintext, (byte) 0);
      return DataPacketResult.failed(DataFailureReason.MALFORMED_PAYLOAD, sender, keyIndex,
          "not an EncryptedPacketPayload: " + e.getMessage());
    }
    DataValueCase valueCase = ValueCases.of(payload.getValueCase());
    if (valueCase == null) {
      Arrays.fill(plaintext, (byte) 0);
      return DataPacketResult.failed(DataFailureReason.MALFORMED_PAYLOAD, sender, keyIndex,
          "the payload holds no known value case");
    }
    byte[] rebuilt = ValueCases.fromPayload(packet.toBuilder(), payload).build().toByteArray();
    return DataPacketResult.transformed(DataPacketResult.Status.DECRYPTED, rebuilt, plaintext, valueCase, sender,
        keyIndex);
  }

  /**
   * A packet without {@code encrypted_packet}: returned {@code CLEAR} if its case always travels in
   * clear, or if the policy accepts clear packets; refused otherwise (an encrypted case in clear, or
   * no known case at all, which is what a tampered {@code encrypted_packet} tag leaves).
   */
  private DataPacketResult clearOrRefused(DataPacket packet, ByteBuffer packetBytes, ParticipantId sender) {
    DataValueCase valueCase = ValueCases.of(packet.getValueCase());
    boolean travelsInClear = valueCase != DataValueCase.NONE && !valueCase.isEncrypted();
    if (travelsInClear || clearPacketPolicy == UnencryptedFramePolicy.ACCEPT) {
      return DataPacketResult.clear(copyOf(packetBytes), valueCase, sender);
    }
    return DataPacketResult.failed(DataFailureReason.PLAINTEXT_NOT_ALLOWED, sender, -1,
        valueCase == DataValueCase.NONE ? "the packet holds no known value case"
            : valueCase.name().toLowerCase(Locale.ROOT) + " arrived in clear");
  }

  /** The local participant, the type and the size limit; never keys. */
  @Override
  public String toString() {
    return "LiveKitDataPacketCryptor[local=" + local + ", type=" + type.id() + ", maxPacketBytes="
        + maxPacketBytes + ", clearPackets=" + clearPacketPolicy + "]";
  }

  /**
   * The remaining bytes of {@code buffer} as a view, with {@code buffer}'s position moved to its
   * limit. Protobuf parses straight from the view, so a packet is not copied before parsing; only a
   * packet handed back unchanged (a clear value case) is copied, by {@link #copyOf}.
   */
  private static ByteBuffer consume(ByteBuffer buffer) {
    ByteBuffer view = buffer.slice();
    buffer.position(buffer.limit());
    return view;
  }

  private static byte[] copyOf(ByteBuffer view) {
    byte[] bytes = new byte[view.remaining()];
    view.duplicate().get(bytes);
    return bytes;
  }
}
