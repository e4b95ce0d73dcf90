package com.example.cipher.ctrhmac;

import io.e2ee4j.api.spi.Aead;
import io.e2ee4j.api.spi.EncryptionType;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;

/**
 * {@code "example-aes-ctr-hmac"}: AES-CTR and HMAC-SHA-256 in encrypt-then-MAC order, with a
 * 16-byte IV (the CTR initial counter block) and the MAC truncated to 16 bytes. From the frame key
 * K it derives an encryption key HMAC-SHA-256(K, "enc") (cut to K's length) and a MAC key
 * HMAC-SHA-256(K, "mac"). The tag covers {@code aad || iv || ciphertext || len(aad) as 64 bits}.
 *
 * <p>For ServiceLoader: the public no-arg constructor does no work. Immutable and thread-safe.
 */
public final class AesCtrHmacEncryptionType implements EncryptionType {

  /** The id: {@value}. */
  public static final String ID = "example-aes-ctr-hmac";

  /** For ServiceLoader. */
  public AesCtrHmacEncryptionType() {}

  @Override
  public String id() {
    return ID;
  }

  @Override
  public int ivLengthBytes() {
    return CtrHmacAead.IV_LENGTH;
  }

  @Override
  public int tagLengthBytes() {
    return CtrHmacAead.TAG_LENGTH;
  }

  @Override
  public boolean supportsKeyLength(int keyLengthBytes) {
    return keyLengthBytes == 16 || keyLengthBytes == 32;
  }

  @Override
  public Aead newAead(byte[] key) throws GeneralSecurityException {
    if (key == null || !supportsKeyLength(key.length)) {
      throw new InvalidKeyException("key must be 16 or 32 bytes");
    }
    return new CtrHmacAead(key);
  }

  @Override
  public String description() {
    return "example AES-CTR + HMAC-SHA-256";
  }
}
