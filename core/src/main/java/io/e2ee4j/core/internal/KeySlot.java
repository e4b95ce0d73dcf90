package io.e2ee4j.core.internal;

import io.e2ee4j.api.CryptoKey;
import io.e2ee4j.api.KeyDerivation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What one key-ring slot holds: the material, the KDF it ratchets with, the derived key, and the
 * remembered ratchet chain {@code c[j] = KDF^(j+1)(material, 32)}.
 *
 * <p>By the first-block property of PBKDF2 and HKDF-Expand with SHA-256, the AES key of any
 * material is the first 16 (or all 32) bytes of {@code KDF(material, 32)}, which is also the next
 * material (spec section 4.5). So {@code c[0]} gives this slot's key and the next ratchet's
 * material at the price of one derivation, and step {@code s} of an auto-ratchet needs {@code
 * c[s]} (material {@code c[s-1]}, key = prefix of {@code c[s]}).
 *
 * <p>The material and key fields never change; the chain grows under this object's monitor.
 */
final class KeySlot {

  final byte[] material;
  final KeyDerivation kdf;
  final CryptoKey key;
  /** c[j] = KDF^(j+1)(material); guarded by this. */
  private final List<byte[]> chain;
  /** candidates[s] = key of c[s-1], for s >= 1; guarded by this. */
  private final List<CryptoKey> candidates;

  private KeySlot(byte[] material, KeyDerivation kdf, CryptoKey key, List<byte[]> chain) {
    this.material = material;
    this.kdf = kdf;
    this.key = key;
    this.chain = chain;
    this.candidates = new ArrayList<>();
    candidates.add(key);
  }

  /** A slot for {@code material} (owned) whose first chain entry {@code next} (owned) is KDF(material, 32). */
  static KeySlot create(int keyIndex, byte[] material, KeyDerivation kdf, byte[] next, int keyLength) {
    byte[] keyBytes = Arrays.copyOf(next, keyLength);
    CryptoKey key = CryptoKey.of(keyIndex, keyBytes);
    Arrays.fill(keyBytes, (byte) 0);
    List<byte[]> chain = new ArrayList<>();
    chain.add(next);
    return new KeySlot(material, kdf, key, chain);
  }

  /** A copy with fresh arrays and a fresh key object, for another participant's clone. */
  KeySlot copy() {
    byte[] next;
    synchronized (this) {
      next = chain.get(0).clone();
    }
    return create(key.keyIndex(), material.clone(), kdf, next, key.lengthBytes());
  }

  /** The material one ratchet on (a fresh copy). */
  synchronized byte[] nextMaterialCopy() {
    return chain.get(0).clone();
  }

  /**
   * The candidate key {@code steps} ratchets on, deriving (and remembering) chain entries as
   * needed, each paid for from {@code budget}; null when the budget is spent.
   */
  synchronized CryptoKey candidateOrNull(int steps, byte[] salt, DerivationBudget budget) {
    while (candidates.size() <= steps) {
      int s = candidates.size();
      // candidate s needs c[s]; c[0..s-1] exist.
      if (chain.size() <= s) {
        if (!budget.tryAcquire()) {
          return null;
        }
        chain.add(derive(chain.get(chain.size() - 1), kdf, salt));
      }
      byte[] keyBytes = Arrays.copyOf(chain.get(s), key.lengthBytes());
      candidates.add(CryptoKey.of(key.keyIndex(), keyBytes));
      Arrays.fill(keyBytes, (byte) 0);
    }
    return candidates.get(steps);
  }

  /** The step at which {@code candidate} sits, or -1. */
  synchronized int stepOf(CryptoKey candidate) {
    for (int s = 1; s < candidates.size(); s++) {
      if (candidates.get(s) == candidate) {
        return s;
      }
    }
    return -1;
  }

  /**
   * The slot {@code steps} ratchets on, reusing the candidate key and the remembered chain beyond
   * it. Call only with a step {@link #stepOf} returned.
   */
  synchronized KeySlot advancedBy(int steps) {
    byte[] newMaterial = chain.get(steps - 1).clone();
    List<byte[]> rest = new ArrayList<>();
    for (int j = steps; j < chain.size(); j++) {
      rest.add(chain.get(j).clone());
    }
    KeySlot advanced = new KeySlot(newMaterial, kdf, candidates.get(steps), rest);
    for (int s = steps + 1; s < candidates.size(); s++) {
      advanced.candidates.add(candidates.get(s));
    }
    return advanced;
  }

  /** Wipes the arrays this slot owns (best effort). The key object stays usable by cryptors holding it. */
  synchronized void wipe() {
    Arrays.fill(material, (byte) 0);
    for (byte[] c : chain) {
      Arrays.fill(c, (byte) 0);
    }
  }

  static byte[] derive(byte[] material, KeyDerivation kdf, byte[] salt) {
    return switch (kdf) {
      case PBKDF2 -> Kdf.livekitPbkdf2(material, salt, 32);
      case HKDF -> Kdf.livekitHkdf(material, salt, 32);
    };
  }
}
