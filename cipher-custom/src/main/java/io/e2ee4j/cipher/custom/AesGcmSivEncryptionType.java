package io.e2ee4j.cipher.custom;

import io.e2ee4j.api.spi.Aead;
import io.e2ee4j.api.spi.EncryptionType;
import io.e2ee4j.cipher.custom.internal.BcAead;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;

/**
 * The {@code "aes-gcm-siv"} encryption type: AES-GCM-SIV (RFC 8452) with a 16- or 32-byte key, a
 * 12-byte IV and a 16-byte tag, on BouncyCastle's lightweight {@code GCMSIVBlockCipher} (the JDK
 * has none). For deployments that fear nonce reuse: a repeated IV under one key reveals only
 * whether two messages were equal, where AES-GCM loses its authenticity. Frames have the same
 * size as LiveKit's {@code "gcm"} frames; the cipher is slower (two passes, pure Java) and
 * buffers each message whole.
 *
 * <p>For ServiceLoader: the public no-arg constructor does no work. Immutable and thread-safe; the
 * ciphers it creates are thread-safe.
 */
public final class AesGcmSivEncryptionType implements EncryptionType {

  /** The id: {@value}. */
  public static final String ID = "aes-gcm-siv";
  /** IV length in bytes. */
  public static final int IV_LENGTH_BYTES = 12;
  /** Tag length in bytes. */
  public static final int TAG_LENGTH_BYTES = 16;

  /** For ServiceLoader. */
  public AesGcmSivEncryptionType() {}

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

  /** @throws InvalidKeyException unless the key is 16 or 32 bytes */
  @Override
  public Aead newAead(byte[] key) throws GeneralSecurityException {
    if (key == null || !supportsKeyLength(key.length)) {
      throw new InvalidKeyException("AES-GCM-SIV key must be 16 or 32 bytes, was "
          + (key == null ? "null" : key.length + " bytes"));
    }
    return BcAead.aesGcmSiv(key);
  }

  @Override
  public String description() {
    return "AES-GCM-SIV (BouncyCastle)";
  }

  @Override
  public String toString() {
    return "AesGcmSivEncryptionType[BouncyCastle]";
  }
}
