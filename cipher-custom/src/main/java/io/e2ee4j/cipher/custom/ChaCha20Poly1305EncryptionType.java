package io.e2ee4j.cipher.custom;

import io.e2ee4j.api.spi.Aead;
import io.e2ee4j.api.spi.EncryptionType;
import io.e2ee4j.cipher.custom.internal.BcAead;
import io.e2ee4j.cipher.custom.internal.ChaChaBackends;
import io.e2ee4j.cipher.custom.internal.JcaChaCha20Poly1305;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;

/**
 * The {@code "chacha20-poly1305"} encryption type: ChaCha20-Poly1305 (RFC 8439) with a 32-byte key,
 * a 12-byte IV and a 16-byte tag, for devices without AES instructions. Its frames have the same
 * size as LiveKit's {@code "gcm"} frames.
 *
 * <p>Keys must be 32 bytes: a room on this type sets {@code KeyProviderOptions.builder().keySizeBits(256)}
 * (LiveKit's default derives 16-byte keys, which this type refuses with an {@link InvalidKeyException}).
 *
 * <p>It runs on the JDK's provider (SunJCE) when the JDK has one that agrees with BouncyCastle on a
 * self-test, else on BouncyCastle's lightweight {@code ChaCha20Poly1305}; the system property
 * {@code io.e2ee4j.cipher.custom.chacha20} ({@code jdk} or {@code bc}) forces it. Both pass every
 * Wycheproof vector, and peers on different backends interoperate: the bytes are the same.
 *
 * <p>For ServiceLoader: the public no-arg constructor does no work. Immutable and thread-safe; the
 * ciphers it creates are thread-safe.
 */
public final class ChaCha20Poly1305EncryptionType implements EncryptionType {

  /** The id: {@value}. */
  public static final String ID = "chacha20-poly1305";
  /** IV length in bytes. */
  public static final int IV_LENGTH_BYTES = 12;
  /** Tag length in bytes. */
  public static final int TAG_LENGTH_BYTES = 16;
  /** The only key length accepted, in bytes. */
  public static final int KEY_LENGTH_BYTES = 32;

  /** Where the cipher runs. */
  public enum Backend {
    /** The JDK's JCA provider ({@code "ChaCha20-Poly1305"}, SunJCE on OpenJDK). */
    JDK,
    /** BouncyCastle's lightweight {@code ChaCha20Poly1305}. */
    BOUNCY_CASTLE
  }

  private final Backend fixedBackend;

  /** For ServiceLoader: uses the backend chosen for this JVM. */
  public ChaCha20Poly1305EncryptionType() {
    this.fixedBackend = null;
  }

  private ChaCha20Poly1305EncryptionType(Backend backend) {
    this.fixedBackend = backend;
  }

  /** This type on a given backend, for tests and measurements. */
  public static ChaCha20Poly1305EncryptionType withBackend(Backend backend) {
    return new ChaCha20Poly1305EncryptionType(java.util.Objects.requireNonNull(backend, "backend is null"));
  }

  /** The backend this type uses. */
  public Backend backend() {
    if (fixedBackend != null) {
      return fixedBackend;
    }
    return ChaChaBackends.chosenJdkProviderOrNull() != null ? Backend.JDK : Backend.BOUNCY_CASTLE;
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
    return keyLengthBytes == KEY_LENGTH_BYTES;
  }

  /**
   * @throws InvalidKeyException unless the key is 32 bytes
   * @throws NoSuchAlgorithmException if the JDK backend was forced and this JDK lacks it
   */
  @Override
  public Aead newAead(byte[] key) throws GeneralSecurityException {
    if (key == null || !supportsKeyLength(key.length)) {
      throw new InvalidKeyException("ChaCha20-Poly1305 key must be 32 bytes (keySizeBits 256), was "
          + (key == null ? "null" : key.length + " bytes"));
    }
    if (backend() == Backend.BOUNCY_CASTLE) {
      return BcAead.chaCha20Poly1305(key);
    }
    return new JcaChaCha20Poly1305(key, jdkProvider());
  }

  private Provider jdkProvider() throws NoSuchAlgorithmException {
    Provider chosen = ChaChaBackends.chosenJdkProviderOrNull();
    if (chosen != null) {
      return chosen;
    }
    Provider jdk = ChaChaBackends.jdkOrNull();
    if (jdk == null) {
      throw new NoSuchAlgorithmException("this JDK has no working ChaCha20-Poly1305");
    }
    return jdk;
  }

  @Override
  public String description() {
    return "ChaCha20-Poly1305 (" + (backend() == Backend.JDK ? "JDK" : "BouncyCastle") + ")";
  }

  @Override
  public String toString() {
    return "ChaCha20Poly1305EncryptionType[" + backend() + "]";
  }
}
