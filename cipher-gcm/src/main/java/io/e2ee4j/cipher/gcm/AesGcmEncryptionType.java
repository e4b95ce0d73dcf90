package io.e2ee4j.cipher.gcm;

import io.e2ee4j.api.spi.Aead;
import io.e2ee4j.api.spi.EncryptionType;
import io.e2ee4j.cipher.gcm.internal.GcmProviders;
import io.e2ee4j.cipher.gcm.internal.JcaAesGcm;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.Provider;

/**
 * The {@code "gcm"} encryption type: AES-GCM with 16- or 32-byte keys, a 12-byte IV and a 16-byte
 * tag, exactly as LiveKit encrypts frames and data packets.
 *
 * <p>The JCA provider is chosen once per JVM: Conscrypt if it is on the path, loads, and passes a
 * known-answer self-test, else the JDK's own. The system property {@code
 * io.e2ee4j.cipher.gcm.provider} ({@code jdk} or {@code conscrypt}) forces the choice; forcing
 * Conscrypt when it cannot load falls back to the JDK with a warning.
 *
 * <p>For ServiceLoader: the public no-arg constructor does no work. Immutable and thread-safe;
 * the ciphers it creates are thread-safe.
 */
public final class AesGcmEncryptionType implements EncryptionType {

  /** The id: {@value}. */
  public static final String ID = "gcm";
  /** IV length in bytes. */
  public static final int IV_LENGTH_BYTES = 12;
  /** Tag length in bytes. */
  public static final int TAG_LENGTH_BYTES = 16;

  private final Provider fixedProvider;

  /** For ServiceLoader: uses the provider chosen for this JVM. */
  public AesGcmEncryptionType() {
    this.fixedProvider = null;
  }

  private AesGcmEncryptionType(Provider provider) {
    this.fixedProvider = provider;
  }

  /** This type on a given JCA provider (it must offer {@code AES/GCM/NoPadding}), for tests and benchmarks. */
  public static AesGcmEncryptionType withProvider(Provider provider) {
    return new AesGcmEncryptionType(java.util.Objects.requireNonNull(provider, "provider is null"));
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public int ivLengthBytes() {
    return IV_LENGTH_BYTES;
  }

  @Override
  public int tagLengthBytes() {
    return TAG_LENGTH_BYTES;
  }

  @Override
  public boolean supportsKeyLength(int keyLengthBytes) {
    return keyLengthBytes == 16 || keyLengthBytes == 32;
  }

  @Override
  public Aead newAead(byte[] key) throws GeneralSecurityException {
    if (key == null || !supportsKeyLength(key.length)) {
      throw new InvalidKeyException("AES-GCM key must be 16 or 32 bytes, was "
          + (key == null ? "null" : key.length + " bytes"));
    }
    return new JcaAesGcm(key, provider());
  }

  /** The JCA provider this type uses. */
  public Provider provider() {
    return fixedProvider != null ? fixedProvider : GcmProviders.chosen();
  }

  @Override
  public String description() {
    return "AES-GCM (" + provider().getName() + ")";
  }

  @Override
  public String toString() {
    return "AesGcmEncryptionType[" + provider().getName() + "]";
  }
}
