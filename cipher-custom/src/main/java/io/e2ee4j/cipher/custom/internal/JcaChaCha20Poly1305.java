package io.e2ee4j.cipher.custom.internal;

import io.e2ee4j.api.spi.Aead;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.Provider;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * ChaCha20-Poly1305 over JCA ({@code "ChaCha20-Poly1305"}, SunJCE on OpenJDK) with one {@link
 * Cipher} per thread, initialised afresh for every message. The JDK refuses to encrypt twice with
 * one key and nonce in one instance, which is only ever a caller's bug here (every message has a
 * fresh IV); JDK 17 refuses the same for decryption, which is legitimate (a duplicated frame), so
 * then a fresh instance decrypts.
 *
 * <p>Thread-safe.
 */
public final class JcaChaCha20Poly1305 implements Aead {

  /** The JCA transformation. */
  public static final String TRANSFORMATION = "ChaCha20-Poly1305";
  private static final int IV_LENGTH = 12;
  private static final int TAG_LENGTH = 16;

  private final SecretKeySpec key;
  private final Provider provider;
  private final ThreadLocal<Cipher> ciphers;

  /** @param key 32 bytes, copied */
  public JcaChaCha20Poly1305(byte[] key, Provider provider) throws GeneralSecurityException {
    this.key = new SecretKeySpec(key, "ChaCha20");
    this.provider = provider;
    Cipher probe = Cipher.getInstance(TRANSFORMATION, provider);
    this.ciphers = ThreadLocal.withInitial(this::newCipher);
    ciphers.set(probe);
  }

  private Cipher newCipher() {
    try {
      return Cipher.getInstance(TRANSFORMATION, provider);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(TRANSFORMATION + " vanished from " + provider.getName(), e);
    }
  }

  @Override
  public int seal(ByteBuffer iv, ByteBuffer aad, ByteBuffer plaintext, ByteBuffer output)
      throws GeneralSecurityException {
    byte[] nonce = AeadChecks.iv(iv, IV_LENGTH, TRANSFORMATION);
    int length = plaintext.remaining();
    AeadChecks.room(output, length + TAG_LENGTH);
    Cipher cipher = init(Cipher.ENCRYPT_MODE, nonce, aad);
    if (AeadChecks.arrays(plaintext, output)) {
      int outPos = output.position();
      int written = cipher.doFinal(plaintext.array(), plaintext.arrayOffset() + plaintext.position(), length,
          output.array(), output.arrayOffset() + outPos);
      plaintext.position(plaintext.limit());
      output.position(outPos + written);
      return written;
    }
    return cipher.doFinal(plaintext, output);
  }

  @Override
  public int open(ByteBuffer iv, ByteBuffer aad, ByteBuffer ciphertextAndTag, ByteBuffer output)
      throws GeneralSecurityException {
    byte[] nonce = AeadChecks.iv(iv, IV_LENGTH, TRANSFORMATION);
    int length = ciphertextAndTag.remaining();
    if (length < TAG_LENGTH) {
      throw new AEADBadTagException("decryption failed");
    }
    AeadChecks.room(output, length - TAG_LENGTH);
    Cipher cipher = init(Cipher.DECRYPT_MODE, nonce, aad);
    int outPos = output.position();
    try {
      if (AeadChecks.arrays(ciphertextAndTag, output)) {
        int written = cipher.doFinal(ciphertextAndTag.array(),
            ciphertextAndTag.arrayOffset() + ciphertextAndTag.position(), length,
            output.array(), output.arrayOffset() + outPos);
        ciphertextAndTag.position(ciphertextAndTag.limit());
        output.position(outPos + written);
        return written;
      }
      return cipher.doFinal(ciphertextAndTag, output);
    } catch (AEADBadTagException e) {
      AeadChecks.wipe(output, outPos, length - TAG_LENGTH);
      throw new AEADBadTagException("decryption failed");
    } catch (GeneralSecurityException | RuntimeException e) {
      AeadChecks.wipe(output, outPos, length - TAG_LENGTH);
      throw e;
    }
  }

  private Cipher init(int mode, byte[] nonce, ByteBuffer aad) throws GeneralSecurityException {
    Cipher cipher = ciphers.get();
    try {
      cipher.init(mode, key, new IvParameterSpec(nonce));
    } catch (InvalidKeyException e) {
      if (mode != Cipher.DECRYPT_MODE) {
        throw e; // the same key and nonce to encrypt again: the caller's bug, refused
      }
      // JDK 17 also refuses to *decrypt* with the key and nonce of the previous init (a duplicated
      // frame, or a ratchet retry of one); a fresh instance has no previous init.
      cipher = newCipher();
      ciphers.set(cipher);
      cipher.init(mode, key, new IvParameterSpec(nonce));
    }
    // Arrays, not updateAAD(ByteBuffer): on JDK 17.0.15 that path gives wrong tags for some AAD
    // values (Wycheproof ChaCha20-Poly1305 tcId 106-145 and 226-232); JDK 25 is right either way.
    int aadLength = aad.remaining();
    if (aadLength > 0) {
      if (aad.hasArray()) {
        cipher.updateAAD(aad.array(), aad.arrayOffset() + aad.position(), aadLength);
      } else {
        byte[] copy = new byte[aadLength];
        aad.get(aad.position(), copy);
        cipher.updateAAD(copy);
      }
    }
    return cipher;
  }

  @Override
  public String toString() {
    return "JcaChaCha20Poly1305[" + provider.getName() + "]";
  }
}
