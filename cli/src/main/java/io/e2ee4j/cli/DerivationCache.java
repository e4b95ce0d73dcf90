package io.e2ee4j.cli;

import io.e2ee4j.api.KeyDerivation;
import io.e2ee4j.core.KeyDerivations;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers recent ratchets and key derivations of this process, so a batch that names the same
 * material on many lines pays for each PBKDF2 run (about 50 ms) once. Entries are keyed by a
 * SHA-256 of (KDF, output length, salt, material), held in memory only, at most {@value #MAX_ENTRIES},
 * least recently used first out; results are handed out as copies.
 *
 * <p>Thread-safe (one lock; derivations run outside it).
 */
final class DerivationCache {

  private static final int MAX_ENTRIES = 256;

  /** The one cache of this process. */
  static final DerivationCache PROCESS = new DerivationCache();

  private final Map<ByteBuffer, byte[]> entries = new LinkedHashMap<>(64, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<ByteBuffer, byte[]> eldest) {
      if (size() > MAX_ENTRIES) {
        Arrays.fill(eldest.getValue(), (byte) 0);
        return true;
      }
      return false;
    }
  };

  /** The material after {@code steps} ratchets of {@code material} (a fresh copy; 0 steps copies it). */
  byte[] ratcheted(byte[] material, KeyDerivation kdf, byte[] salt, int steps) {
    byte[] m = material.clone();
    for (int i = 0; i < steps; i++) {
      byte[] next = derive(m, kdf, salt, KeyDerivations.MATERIAL_LENGTH_BYTES);
      Arrays.fill(m, (byte) 0);
      m = next;
    }
    return m;
  }

  /** The AES key of {@code material}: KDF(material, salt, keyLengthBytes) (a fresh copy). */
  byte[] aesKey(byte[] material, KeyDerivation kdf, byte[] salt, int keyLengthBytes) {
    return derive(material, kdf, salt, keyLengthBytes);
  }

  private byte[] derive(byte[] material, KeyDerivation kdf, byte[] salt, int length) {
    ByteBuffer id = idOf(material, kdf, salt, length);
    synchronized (entries) {
      byte[] hit = entries.get(id);
      if (hit != null) {
        return hit.clone();
      }
    }
    byte[] out = length == KeyDerivations.MATERIAL_LENGTH_BYTES
        ? KeyDerivations.ratchet(material, kdf, salt)
        : KeyDerivations.deriveKey(material, kdf, salt, length);
    synchronized (entries) {
      entries.put(id, out.clone());
    }
    return out;
  }

  private static ByteBuffer idOf(byte[] material, KeyDerivation kdf, byte[] salt, int length) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update((byte) kdf.ordinal());
      sha.update(ByteBuffer.allocate(8).putInt(length).putInt(salt.length).array());
      sha.update(salt);
      sha.update(material);
      return ByteBuffer.wrap(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("SHA-256 is missing from the JDK", e);
    }
  }
}
