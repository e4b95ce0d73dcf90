package io.e2ee4j.cipher.custom.internal;

import io.e2ee4j.api.spi.Aead;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.function.Supplier;
import javax.crypto.AEADBadTagException;
import javax.security.auth.Destroyable;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.AEADCipher;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.modes.GCMSIVBlockCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * An AEAD with a 12-byte nonce and a 16-byte tag on BouncyCastle's lightweight API, one cipher
 * instance per thread, initialised afresh for every message.
 *
 * <p>Heap buffers are processed in their backing arrays (in place when input and output are the
 * same region). Direct buffers cost a copy in and a copy out, as the lightweight API takes arrays;
 * the temporary array is wiped. After a failed {@link #open} the output region is zeroed: BC's
 * ChaCha20-Poly1305 writes plaintext before it has checked the tag.
 *
 * <p>Thread-safe.
 */
public final class BcAead implements Aead, Destroyable {

  private static final int IV_LENGTH = 12;
  private static final int TAG_LENGTH = 16;

  private final String name;
  private final KeyParameter key;
  private final ThreadLocal<AEADCipher> ciphers;
  private volatile boolean destroyed;

  private BcAead(String name, byte[] key, Supplier<AEADCipher> factory) {
    this.name = name;
    this.key = new KeyParameter(key);
    this.ciphers = ThreadLocal.withInitial(factory);
  }

  /** ChaCha20-Poly1305 (RFC 8439) with a 32-byte key, copied. */
  public static BcAead chaCha20Poly1305(byte[] key) {
    return new BcAead("ChaCha20-Poly1305", key, ChaCha20Poly1305::new);
  }

  /** AES-GCM-SIV (RFC 8452) with a 16- or 32-byte key, copied. */
  public static BcAead aesGcmSiv(byte[] key) {
    return new BcAead("AES-GCM-SIV", key, () -> new GCMSIVBlockCipher(AESEngine.newInstance()));
  }

  @Override
  public int seal(ByteBuffer iv, ByteBuffer aad, ByteBuffer plaintext, ByteBuffer output)
      throws GeneralSecurityException {
    byte[] nonce = AeadChecks.iv(iv, IV_LENGTH, name);
    int length = plaintext.remaining();
    AeadChecks.room(output, length + TAG_LENGTH);
    AEADCipher cipher = init(true, nonce, aad);
    int outPos = output.position();
    int written;
    try {
      if (AeadChecks.arrays(plaintext, output)) {
        byte[] out = output.array();
        int outOff = output.arrayOffset() + outPos;
        int n = cipher.processBytes(plaintext.array(), plaintext.arrayOffset() + plaintext.position(), length, out, outOff);
        written = n + cipher.doFinal(out, outOff + n);
      } else {
        byte[] buf = new byte[length + TAG_LENGTH];
        try {
          plaintext.get(plaintext.position(), buf, 0, length);
          int n = cipher.processBytes(buf, 0, length, buf, 0);
          written = n + cipher.doFinal(buf, n);
          output.put(outPos, buf, 0, written);
        } finally {
          Arrays.fill(buf, (byte) 0);
        }
      }
    } catch (InvalidCipherTextException | RuntimeException e) {
      throw new GeneralSecurityException(name + " encryption failed: " + e.getMessage());
    }
    plaintext.position(plaintext.limit());
    output.position(outPos + written);
    return written;
  }

  @Override
  public int open(ByteBuffer iv, ByteBuffer aad, ByteBuffer ciphertextAndTag, ByteBuffer output)
      throws GeneralSecurityException {
    byte[] nonce = AeadChecks.iv(iv, IV_LENGTH, name);
    int length = ciphertextAndTag.remaining();
    if (length < TAG_LENGTH) {
      throw new AEADBadTagException("decryption failed");
    }
    AeadChecks.room(output, length - TAG_LENGTH);
    AEADCipher cipher = init(false, nonce, aad);
    int outPos = output.position();
    int written;
    try {
      if (AeadChecks.arrays(ciphertextAndTag, output)) {
        byte[] out = output.array();
        int outOff = output.arrayOffset() + outPos;
        int n = cipher.processBytes(ciphertextAndTag.array(),
            ciphertextAndTag.arrayOffset() + ciphertextAndTag.position(), length, out, outOff);
        written = n + cipher.doFinal(out, outOff + n);
      } else {
        byte[] buf = new byte[length];
        try {
          ciphertextAndTag.get(ciphertextAndTag.position(), buf, 0, length);
          int n = cipher.processBytes(buf, 0, length, buf, 0);
          written = n + cipher.doFinal(buf, n);
          output.put(outPos, buf, 0, written);
        } finally {
          Arrays.fill(buf, (byte) 0);
        }
      }
    } catch (InvalidCipherTextException e) {
      AeadChecks.wipe(output, outPos, length - TAG_LENGTH);
      throw new AEADBadTagException("decryption failed");
    } catch (RuntimeException e) {
      AeadChecks.wipe(output, outPos, length - TAG_LENGTH);
      throw new GeneralSecurityException(name + " decryption failed: " + e.getMessage());
    }
    ciphertextAndTag.position(ciphertextAndTag.limit());
    output.position(outPos + written);
    return written;
  }

  private AEADCipher init(boolean encrypt, byte[] nonce, ByteBuffer aad) throws GeneralSecurityException {
    if (destroyed) {
      throw new GeneralSecurityException(name + " key destroyed");
    }
    AEADCipher cipher = ciphers.get();
    try {
      cipher.init(encrypt, new AEADParameters(key, TAG_LENGTH * 8, nonce));
    } catch (IllegalArgumentException e) {
      // BC refuses, among others, a nonce reused for encryption under one key in one instance.
      throw new GeneralSecurityException(name + " refused its parameters: " + e.getMessage());
    }
    int aadLength = aad.remaining();
    if (aadLength > 0) {
      if (aad.hasArray()) {
        cipher.processAADBytes(aad.array(), aad.arrayOffset() + aad.position(), aadLength);
      } else {
        byte[] copy = new byte[aadLength];
        aad.get(aad.position(), copy);
        cipher.processAADBytes(copy, 0, aadLength);
      }
    }
    return cipher;
  }

  /** Wipes this object's copy of the key (best effort: BC cipher instances keep their own schedule). */
  @Override
  public void destroy() {
    destroyed = true;
    Arrays.fill(key.getKey(), (byte) 0);
  }

  @Override
  public boolean isDestroyed() {
    return destroyed;
  }

  @Override
  public String toString() {
    return "BcAead[" + name + ", " + key.getKeyLength() * 8 + " bits]";
  }
}
