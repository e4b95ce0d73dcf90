package io.e2ee4j.api.data;

import io.e2ee4j.api.KeyProvider;
import io.e2ee4j.api.ParticipantId;
import io.e2ee4j.api.media.UnencryptedFramePolicy;
import io.e2ee4j.api.spi.EncryptionType;

/**
 * Service-provider interface for data-packet cryptors, found with {@link java.util.ServiceLoader}.
 * The module {@code io.e2ee4j.transport.datachannel} provides LiveKit's {@code EncryptedPacket}
 * format under id {@code "livekit"}.
 *
 * <p>To write one: a {@code public final} class with a public no-arg constructor that does no
 * work, registered both in {@code module-info.java} ({@code provides
 * io.e2ee4j.api.data.DataPacketCryptorFactory with ...}) and in {@code
 * META-INF/services/io.e2ee4j.api.data.DataPacketCryptorFactory}.
 *
 * <p>Thread safety: implementations must be immutable and thread-safe.
 */
public interface DataPacketCryptorFactory {

  /** The data format's id, lower case, such as {@code "livekit"}. */
  String id();

  /**
   * A cryptor that seals with {@code local}'s current key from {@code keys} and opens with the
   * sender's key, refusing clear packets of cases that are sent encrypted ({@link
   * UnencryptedFramePolicy#REFUSE_AND_REPORT}).
   *
   * @throws NullPointerException if an argument is null
   */
  default DataPacketCryptor create(KeyProvider keys, EncryptionType type, ParticipantId local) {
    return create(keys, type, local, UnencryptedFramePolicy.REFUSE_AND_REPORT);
  }

  /**
   * A cryptor as {@link #create(KeyProvider, EncryptionType, ParticipantId)}, whose receive side
   * treats a clear packet of a case that is sent encrypted as {@code clearPacketPolicy} says:
   * refused with {@link DataFailureReason#PLAINTEXT_NOT_ALLOWED} (the default), or accepted as
   * {@link DataPacketResult.Status#CLEAR}. Cases that always travel in clear are accepted either way.
   *
   * @throws NullPointerException if an argument is null
   */
  DataPacketCryptor create(KeyProvider keys, EncryptionType type, ParticipantId local,
      UnencryptedFramePolicy clearPacketPolicy);
}
