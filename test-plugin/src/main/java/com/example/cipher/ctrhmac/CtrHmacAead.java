package com.example.cipher.ctrhmac;

import io.e2ee4j.api.spi.Aead;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** The cipher of {@link AesCtrHmacEncryptionType}; one JCA Cipher and Mac per thread. Thread-safe. */
final class CtrHmacAead implements Aead {

  static final int IV_LENGTH = 16;
  static final int TAG_LENGTH = 16;

  private final SecretKeySpec encKey;
  private final SecretKeySpec macKey;
  private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(() -> jca(() -> Cipher.getInstance("AES/CTR/NoPadding")));
  private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(() -> jca(() -> Mac.getInstance("HmacSHA256")));

  CtrHmacAead(byte[] key) throws GeneralSecurityException {
    Mac kdf = Mac.getInstance("HmacSHA256");
    kdf.init(new SecretKeySpec(key, "HmacSHA256"));
    byte[] enc = kdf.doFinal("enc".getBytes(StandardCharsets.US_ASCII));
    byte[] mac = kdf.doFinal("mac".getBytes(StandardCharsets.US_ASCII));
    this.encKey = new SecretKeySpec(enc, 0, key.length, "AES");
    this.macKey = new SecretKeySpec(mac, "HmacSHA256");
    Arrays.fill(enc, (byte) 0);
    Arrays.fill(mac, (byte) 0);
  }

  @Override
  public int seal(ByteBuffer iv, ByteBuffer aad, ByteBuffer plaintext, ByteBuffer output)
      throws GeneralSecurityException {
    checkIv(iv);
    int length = plaintext.remaining();
    if (output.remaining() < length + TAG_LENGTH) {
      throw new ShortBufferException("output too small");
    }
    int start = output.position();
    Cipher cipher = ciphers.get();
    cipher.init(Cipher.ENCRYPT_MODE, encKey, new IvParameterSpec(bytes(iv)));
    cipher.doFinal(plaintext, output);
    byte[] tag = tag(iv, aad, output.duplicate().position(start).limit(start + length));
    output.put(tag, 0, TAG_LENGTH);
    return length + TAG_LENGTH;
  }

  @Override
  public int open(ByteBuffer iv, ByteBuffer aad, ByteBuffer ciphertextAndTag, ByteBuffer output)
      throws GeneralSecurityException {
    checkIv(iv);
    int length = ciphertextAndTag.remaining() - TAG_LENGTH;
    if (length < 0) {
      throw new AEADBadTagException("decryption failed");
    }
    if (output.remaining() < length) {
      throw new ShortBufferException("output too small");
    }
    int start = ciphertextAndTag.position();
    ByteBuffer ciphertext = ciphertextAndTag.duplicate().limit(start + length);
    byte[] expected = tag(iv, aad, ciphertext.duplicate());
    byte[] actual = new byte[TAG_LENGTH];
    ciphertextAndTag.get(start + length, actual);
    if (!MessageDigest.isEqual(Arrays.copyOf(expected, TAG_LENGTH), actual)) {
      throw new AEADBadTagException("decryption failed");
    }
    Cipher cipher = ciphers.get();
    cipher.init(Cipher.DECRYPT_MODE, encKey, new IvParameterSpec(bytes(iv)));
    int written = cipher.doFinal(ciphertext, output);
    ciphertextAndTag.position(ciphertextAndTag.limit());
    return written;
  }

  private byte[] tag(ByteBuffer iv, ByteBuffer aad, ByteBuffer ciphertext) throws GeneralSecurityException {
    Mac mac = macs.get();
    mac.init(macKey);
    mac.update(aad.duplicate());
    mac.update(iv.duplicate());
    mac.update(ciphertext);
    mac.update(ByteBuffer.allocate(8).putLong(0, (long) aad.remaining() * 8));
    return mac.doFinal();
  }

  private static void checkIv(ByteBuffer iv) throws InvalidAlgorithmParameterException {
    if (iv.remaining() != IV_LENGTH) {
      throw new InvalidAlgorithmParameterException("IV must be " + IV_LENGTH + " bytes");
    }
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] out = new byte[buffer.remaining()];
    buffer.get(buffer.position(), out);
    return out;
  }

  private interface JcaCall<T> {
    T get() throws GeneralSecurityException;
  }

  private static <T> T jca(JcaCall<T> call) {
    try {
      return call.get();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks a standard algorithm", e);
    }
  }
}
