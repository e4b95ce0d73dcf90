package io.e2ee4j.fuzz;

import io.e2ee4j.api.E2eeStateEvent.Direction;
import io.e2ee4j.api.KeyMaterial;
import io.e2ee4j.api.KeyProviderOptions;
import io.e2ee4j.api.ParticipantId;
import io.e2ee4j.api.media.FrameCryptor;
import io.e2ee4j.api.media.FrameCryptorConfig;
import io.e2ee4j.api.media.FrameCryptorFactory;
import io.e2ee4j.api.spi.EncryptionType;
import io.e2ee4j.core.DefaultKeyProvider;
import io.e2ee4j.core.EncryptionTypeCatalog;
import java.util.ServiceLoader;

/**
 * The keys and components every fuzz target shares, found as an application finds them: the
 * {@code "gcm"} type through {@link EncryptionTypeCatalog}, the {@code "livekit"} frame format
 * through {@link ServiceLoader}. Two raw (HKDF) keys at slots 0 and 1; an auto-ratchet window of 2
 * so a frame that fails costs at most three trial decryptions; failure tolerance off (-1), so a
 * flood of bad inputs never marks the fuzz key invalid and later inputs still reach the cipher.
 */
final class FuzzRoom {

  /** The remote participant whose frames and packets the targets receive. */
  static final ParticipantId SENDER = ParticipantId.of("fuzz-sender");
  /** The local participant that receives. */
  static final ParticipantId RECEIVER = ParticipantId.of("fuzz-receiver");
  /** Key slots that hold a key; every other slot is empty. */
  static final int[] KEY_INDEXES = {0, 1};
  /** The SIF trailer the SIF target configures (LiveKit's server sends its own, per room). */
  static final byte[] SIF_TRAILER = {'L', 'K', 'R', 'O', 'O', 'M', 'S', 'I', 'F'};
  /** Inputs longer than this are ignored: it bounds the work and memory of one call. */
  static final int MAX_INPUT_BYTES = 4096;

  static final EncryptionType GCM = EncryptionTypeCatalog.loadInstalled().get("gcm");
  static final FrameCryptorFactory LIVEKIT = frameFormat("livekit");

  private FuzzRoom() {}

  /** The receive-side options: small ratchet window, no failure tolerance, and the fuzz SIF trailer. */
  static KeyProviderOptions options(boolean sharedKey) {
    return KeyProviderOptions.builder()
        .sharedKey(sharedKey)
        .ratchetWindowSize(2)
        .failureTolerance(-1)
        .sifTrailer(SIF_TRAILER)
        .build();
  }

  /** The key material of slot {@code index}: 32 bytes, distinct per slot. */
  static KeyMaterial material(int index) {
    byte[] raw = new byte[32];
    for (int i = 0; i < raw.length; i++) {
      raw[i] = (byte) (index * 0x40 + i * 7 + 1);
    }
    return KeyMaterial.fromBytes(raw);
  }

  /** A key provider holding the fuzz keys: {@link #SENDER}'s own, or the shared ones. */
  static DefaultKeyProvider keyProvider(boolean sharedKey) {
    DefaultKeyProvider keys = new DefaultKeyProvider(options(sharedKey));
    for (int index : KEY_INDEXES) {
      if (sharedKey) {
        keys.setSharedKey(index, material(index));
      } else {
        keys.setKey(SENDER, index, material(index));
      }
    }
    return keys;
  }

  /** A cryptor for {@link #SENDER}'s track, made by the {@code "livekit"} factory. */
  static FrameCryptor frameCryptor(DefaultKeyProvider keys, Direction direction, String codecMimeType,
      boolean metadataTrailer) {
    FrameCryptorConfig config = FrameCryptorConfig
        .builder(SENDER, "fuzz-track", direction, keys.keyHandler(SENDER), GCM)
        .options(keys.options())
        .codecMimeType(codecMimeType)
        .frameMetadataTrailer(metadataTrailer)
        .build();
    return LIVEKIT.create(config);
  }

  private static FrameCryptorFactory frameFormat(String id) {
    for (FrameCryptorFactory f : ServiceLoader.load(FrameCryptorFactory.class)) {
      if (f.id().equals(id)) {
        return f;
      }
    }
    throw new IllegalStateException("no frame format '" + id + "' on the class path");
  }
}
