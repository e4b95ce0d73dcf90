package io.e2ee4j.core;

import io.e2ee4j.api.KeyDerivation;
import io.e2ee4j.core.internal.Kdf;
import java.util.Objects;

/**
 * LiveKit's key derivation and ratchet as plain functions (spec sections 3.2 and 4.5), for tools
 * and tests that need the bytes themselves; {@link DefaultKeyProvider} uses the same code.
 *
 * <ul>
 *   <li>AES key = KDF(material, salt, keyLengthBytes)
 *   <li>next material = KDF(material, salt, 32)
 * </ul>
 *
 * <p>with PBKDF2-HMAC-SHA256 (100,000 iterations) or HKDF-SHA256 (info = 128 zero bytes). Results
 * are fresh arrays the caller owns. Stateless and thread-safe.
 */
public final class KeyDerivations {

  /** Length of ratcheted material, in bytes. */
  public static final int MATERIAL_LENGTH_BYTES = 32;

  private KeyDerivations() {}

  /**
   * The AES key of {@code material}.
   *
   * @param keyLengthBytes 16 or 32
   * @throws IllegalArgumentException for another key length
   */
  public static byte[] deriveKey(byte[] material, KeyDerivation kdf, byte[] salt, int keyLengthBytes) {
    if (keyLengthBytes != 16 && keyLengthBytes != 32) {
      throw new IllegalArgumentException("key length must be 16 or 32 bytes, was " + keyLengthBytes);
    }
    return derive(material, kdf, salt, keyLengthBytes);
  }

  /** The material one ratchet after {@code material}: KDF(material, salt, 32). */
  public static byte[] ratchet(byte[] material, KeyDerivation kdf, byte[] salt) {
    return derive(material, kdf, salt, MATERIAL_LENGTH_BYTES);
  }

  static byte[] derive(byte[] material, KeyDerivation kdf, byte[] salt, int length) {
    Objects.requireNonNull(material, "material is null");
    Objects.requireNonNull(kdf, "kdf is null");
    Objects.requireNonNull(salt, "salt is null");
    return switch (kdf) {
      case PBKDF2 -> Kdf.livekitPbkdf2(material, salt, length);
      case HKDF -> Kdf.livekitHkdf(material, salt, length);
    };
  }
}
