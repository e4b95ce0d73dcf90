package io.e2ee4j.api;

/**
 * The key-derivation function that turns key material into an AES key and ratchets material
 * (LiveKit spec section 3.2): both use SHA-256 and the ratchet salt.
 */
public enum KeyDerivation {
  /** PBKDF2-HMAC-SHA256, 100,000 iterations, salt = ratchet salt. LiveKit's default for passphrases. */
  PBKDF2,
  /** HKDF-SHA256, salt = ratchet salt, info = 128 zero bytes. LiveKit JS's choice for raw bytes. */
  HKDF
}
