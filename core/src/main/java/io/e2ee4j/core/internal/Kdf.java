package io.e2ee4j.core.internal;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * PBKDF2-HMAC-SHA256 and HKDF-SHA256 over bytes (RFC 8018, RFC 5869), built on the JDK's {@code
 * HmacSHA256} so that passwords need not be text: JCE's {@code PBEKeySpec} takes {@code char[]}
 * and would mangle non-UTF-8 passwords.
 *
 * <p>Stateless and thread-safe. Intermediate buffers are wiped before returning.
 */
public final class Kdf {

  /** LiveKit's PBKDF2 iteration count. */
  public static final int LIVEKIT_PBKDF2_ITERATIONS = 100_000;
  /** LiveKit's HKDF info: 128 zero bytes. */
  private static final byte[] LIVEKIT_HKDF_INFO = new byte[128];

  private static final int HASH_LENGTH = 32;
  private static final int BLOCK_SIZE = 64;

  private Kdf() {}

  /**
   * PBKDF2 with HMAC-SHA256.
   *
   * @throws IllegalArgumentException if {@code iterations < 1} or {@code length < 1}
   */
  public static byte[] pbkdf2Sha256(byte[] password, byte[] salt, int iterations, int length) {
    if (iterations < 1) {
      throw new IllegalArgumentException("iterations must be positive, was " + iterations);
    }
    if (length < 1) {
      throw new IllegalArgumentException("length must be positive, was " + length);
    }
    Mac mac = hmac(password);
    byte[] out = new byte[length];
    byte[] u = new byte[HASH_LENGTH];
    byte[] t = new byte[HASH_LENGTH];
    try {
      int blocks = (length + HASH_LENGTH - 1) / HASH_LENGTH;
      for (int block = 1; block <= blocks; block++) {
        mac.update(salt);
        mac.update(new byte[] {(byte) (block >>> 24), (byte) (block >>> 16), (byte) (block >>> 8), (byte) block});
        mac.doFinal(u, 0);
        System.arraycopy(u, 0, t, 0, HASH_LENGTH);
        for (int i = 1; i < iterations; i++) {
          mac.update(u);
          mac.doFinal(u, 0);
          for (int j = 0; j < HASH_LENGTH; j++) {
            t[j] ^= u[j];
          }
        }
        int offset = (block - 1) * HASH_LENGTH;
        System.arraycopy(t, 0, out, offset, Math.min(HASH_LENGTH, length - offset));
      }
      return out;
    } catch (GeneralSecurityException e) {
      throw new AssertionError("HmacSHA256 failed", e);
    } finally {
      Arrays.fill(u, (byte) 0);
      Arrays.fill(t, (byte) 0);
    }
  }

  /**
   * HKDF with SHA-256: extract with {@code salt} (empty = 32 zero bytes, the same thing for
   * HMAC), expand with {@code info}.
   *
   * @throws IllegalArgumentException if {@code length} is outside 1..8160
   */
  public static byte[] hkdfSha256(byte[] ikm, byte[] salt, byte[] info, int length) {
    if (length < 1 || length > 255 * HASH_LENGTH) {
      throw new IllegalArgumentException("length must be 1.." + 255 * HASH_LENGTH + ", was " + length);
    }
    byte[] prk = hmac(salt).doFinal(ikm);
    Mac mac = hmac(prk);
    Arrays.fill(prk, (byte) 0);
    byte[] out = new byte[length];
    byte[] t = new byte[0];
    try {
      int offset = 0;
      for (int counter = 1; offset < length; counter++) {
        mac.update(t);
        mac.update(info);
        mac.update((byte) counter);
        Arrays.fill(t, (byte) 0);
        t = mac.doFinal();
        int n = Math.min(t.length, length - offset);
        System.arraycopy(t, 0, out, offset, n);
        offset += n;
      }
      return out;
    } finally {
      Arrays.fill(t, (byte) 0);
    }
  }

  /** LiveKit's PBKDF2: 100,000 iterations. */
  public static byte[] livekitPbkdf2(byte[] material, byte[] salt, int length) {
    return pbkdf2Sha256(material, salt, LIVEKIT_PBKDF2_ITERATIONS, length);
  }

  /** LiveKit's HKDF: info = 128 zero bytes. */
  public static byte[] livekitHkdf(byte[] material, byte[] salt, int length) {
    return hkdfSha256(material, salt, LIVEKIT_HKDF_INFO, length);
  }

  private static Mac hmac(byte[] key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      // SecretKeySpec refuses an empty key; HMAC pads keys with zeros to the block size, so an
      // empty key and a block of zeros are the same key.
      byte[] effective = key.length == 0 ? new byte[BLOCK_SIZE] : key;
      mac.init(new SecretKeySpec(effective, "HmacSHA256"));
      return mac;
    } catch (InvalidKeyException e) {
      throw new AssertionError("HmacSHA256 refused a key", e);
    } catch (GeneralSecurityException e) {
      throw new AssertionError("HmacSHA256 is missing from the JDK", e);
    }
  }
}
