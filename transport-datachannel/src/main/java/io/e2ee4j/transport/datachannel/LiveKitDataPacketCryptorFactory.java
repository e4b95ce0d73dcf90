package io.e2ee4j.transport.datachannel;

import io.e2ee4j.api.KeyProvider;
import io.e2ee4j.api.ParticipantId;
import io.e2ee4j.api.data.DataPacketCryptor;
import io.e2ee4j.api.data.DataPacketCryptorFactory;
import io.e2ee4j.api.media.UnencryptedFramePolicy;
import io.e2ee4j.api.spi.EncryptionType;

/**
 * Provides {@link LiveKitDataPacketCryptor} under id {@code "livekit"} to {@link
 * java.util.ServiceLoader}.
 *
 * <p>Immutable and thread-safe.
 */
public final class LiveKitDataPacketCryptorFactory implements DataPacketCryptorFactory {

  /** The id of LiveKit's data-packet format. */
  public static final String ID = "livekit";

  /** For {@link java.util.ServiceLoader} only; does no work. */
  public LiveKitDataPacketCryptorFactory() {}

  @Override
  public String id() {
    return ID;
  }

  @Override
  public DataPacketCryptor create(KeyProvider keys, EncryptionType type, ParticipantId local,
      UnencryptedFramePolicy clearPacketPolicy) {
    return new LiveKitDataPacketCryptor(keys, type, local, LiveKitDataPacketCryptor.DEFAULT_MAX_PACKET_BYTES,
        clearPacketPolicy);
  }
}
