package io.e2ee4j.core.internal;

import io.e2ee4j.api.CryptoKey;
import io.e2ee4j.api.KeyDerivation;
import io.e2ee4j.core.KeyDerivations;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What one key-ring slot holds: the material, the KDF it ratchets with, the derived key, and the
 * remembered ratchet chain {@code c[j] = KDF^(j+1)(material, 32)}.
 *
 * <p>By the first-block property of PBKDF2 and HKDF-Expand with SHA-256, the AES key of any
 * material is the first 16 (or all 32) bytes of {@code KDF(material, 32)}, which is also the next
 * material (spec section 4.5). So {@code c[0]} gives this slot's key and the next ratchet's
 * material, and step {@code s} of an auto-ratchet needs {@code c[s]} (key = prefix of {@code c[s]}).
 * A slot is made with {@code c[0]} and {@code c[1]}, so the common case, a sender's single ratchet,
 * is ready before the first frame needs it; further steps are derived on the ring's executor,
 * never on a frame thread.
 *
 * <p><b>Wiping only what no reader holds.</b> A slot is reference-counted: the ring holds one
 * reference while the slot is installed, and every reader of its secrets (export, ratchet,
 * cloning, a derivation) holds one while it reads ({@link #retain}, {@link #release}). The secrets
 * are wiped, and the keys destroyed, when the last reference goes, so nobody ever reads a wiped or
 * half-wiped array. A reader that cannot retain a slot (it was retired meanwhile) reads the slot
 * that replaced it. Frame threads use the {@link CryptoKey} without a reference: a key destroyed
 * under them refuses to work ({@link CryptoKey#aead} throws, {@link CryptoKey#nextIv} refuses), so
 * the frame is never processed under a wiped key; the cryptors then take the slot's new key.
 *
 * <p>The material and key fields never change; the chain and candidates grow under this object's
 * monitor.
 */
final class KeySlot {

  final byte[] material;
  final KeyDerivation kdf;
  final CryptoKey key;
  private final AtomicInteger references = new AtomicInteger(1);
  /** c[j] = KDF^(j+1)(material); guarded by this. */
  private final List<byte[]> chain;
  /** candidates[s] = key of c[s] for the auto-ratchet's step s, candidates[0] = key; guarded by this. */
  private final List<CryptoKey> candidates;
  /** Candidates from this index on belong to the slot that an accepted auto-ratchet made; guarded by this. */
  private int handedOverFrom = Integer.MAX_VALUE;
  /** The chain length a derivation task works towards, 0 if none is queued; guarded by this. */
  private int derivingTo;
  /** Set when the slot leaves the ring; no more candidates or derivations then; guarded by this. */
  private boolean retired;

  private KeySlot(byte[] material, KeyDerivation kdf, CryptoKey key, List<byte[]> chain) {
    this.material = material;
    this.kdf = kdf;
    this.key = key;
    this.chain = chain;
    this.candidates = new ArrayList<>();
    candidates.add(key);
  }

  /**
   * A slot for {@code material} (owned) and its first chain entries (owned): {@code c0 =
   * KDF(material, 32)} and {@code c1 = KDF(c0, 32)}, or null to derive {@code c1} later.
   */
  static KeySlot create(int keyIndex, byte[] material, KeyDerivation kdf, byte[] c0, byte[] c1, int keyLength) {
    List<byte[]> chain = new ArrayList<>(4);
    chain.add(c0);
    if (c1 != null) {
      chain.add(c1);
    }
    return new KeySlot(material, kdf, keyOf(keyIndex, c0, keyLength), chain);
  }

  private static CryptoKey keyOf(int keyIndex, byte[] entry, int keyLength) {
    byte[] keyBytes = Arrays.copyOf(entry, keyLength);
    try {
      return CryptoKey.of(keyIndex, keyBytes);
    } finally {
      Arrays.fill(keyBytes, (byte) 0);
    }
  }

  // ---- references ----

  /** Takes a reference for reading the secrets; false if the slot was wiped (read its successor). */
  boolean retain() {
    while (true) {
      int n = references.get();
      if (n == 0) {
        return false;
      }
      if (references.compareAndSet(n, n + 1)) {
        return true;
      }
    }
  }

  /** Gives a reference back; the last one wipes the secrets and destroys the keys this slot owns. */
  void release() {
    if (references.decrementAndGet() == 0) {
      wipe();
    }
  }

  /** Marks the slot as out of the ring: it hands out no candidates and derives nothing more. */
  synchronized void retire() {
    retired = true;
  }

  // ---- reads, each by a holder of a reference ----

  /** A copy with fresh arrays and a fresh key object, for another participant's clone. */
  synchronized KeySlot copy() {
    byte[] c1 = chain.size() > 1 ? chain.get(1).clone() : null;
    return create(key.keyIndex(), material.clone(), kdf, chain.get(0).clone(), c1, key.lengthBytes());
  }

  /** The material one ratchet on (a fresh copy). */
  synchronized byte[] nextMaterialCopy() {
    return chain.get(0).clone();
  }

  /** The material two ratchets on (a fresh copy), or null if not derived yet. */
  synchronized byte[] secondMaterialCopyOrNull() {
    return chain.size() > 1 ? chain.get(1).clone() : null;
  }

  /**
   * The candidate key {@code steps} ratchets on, if its chain entry is derived; otherwise null, and
   * a derivation up to it is queued on the ring's executor (one task per slot at a time; each
   * derivation paid for from {@code budget}).
   */
  synchronized CryptoKey candidateOrNull(int steps, byte[] salt, TokenBucket budget, KeyRingContext context) {
    if (retired) {
      return null;
    }
    CryptoKey ready = readyCandidateOrNull(steps);
    if (ready != null) {
      return ready;
    }
    requestDerivation(steps + 1, salt, budget, context);
    return readyCandidateOrNull(steps); // an executor that runs tasks at once has derived it by now
  }

  private CryptoKey readyCandidateOrNull(int steps) {
    while (candidates.size() <= steps && chain.size() > candidates.size()) {
      candidates.add(keyOf(key.keyIndex(), chain.get(candidates.size()), key.lengthBytes()));
    }
    return candidates.size() > steps ? candidates.get(steps) : null;
  }

  /** Queues a derivation until the chain has {@code length} entries, unless one is queued already. */
  synchronized void requestDerivation(int length, byte[] salt, TokenBucket budget, KeyRingContext context) {
    if (retired || chain.size() >= length) {
      return;
    }
    if (derivingTo > 0) {
      derivingTo = Math.max(derivingTo, length);
      return;
    }
    if (!retain()) {
      return;
    }
    derivingTo = length;
    try {
      context.deriver.execute(() -> deriveQueued(salt, budget, context));
    } catch (RuntimeException rejected) {
      derivingTo = 0; // the executor is shut down: the provider is closing
      release();
    }
  }

  /** The derivation task: extends the chain towards {@link #derivingTo}, one budgeted step at a time. */
  private void deriveQueued(byte[] salt, TokenBucket budget, KeyRingContext context) {
    try {
      while (true) {
        byte[] from;
        synchronized (this) {
          if (retired || chain.size() >= derivingTo || !budget.tryAcquire()) {
            return;
          }
          from = chain.get(chain.size() - 1);
        }
        // Outside the monitor, so frame threads asking for candidates never wait for a KDF; the
        // reference this task holds keeps 'from' from being wiped meanwhile.
        byte[] next = derive(from, kdf, salt);
        context.derivations.increment();
        synchronized (this) {
          if (retired) {
            Arrays.fill(next, (byte) 0);
            return;
          }
          chain.add(next);
        }
      }
    } finally {
      synchronized (this) {
        derivingTo = 0;
      }
      release();
    }
  }

  /** The step at which {@code candidate} sits, or -1. */
  synchronized int stepOf(CryptoKey candidate) {
    for (int s = 1; s < candidates.size() && s < handedOverFrom; s++) {
      if (candidates.get(s) == candidate) {
        return s;
      }
    }
    return -1;
  }

  /**
   * The slot {@code steps} ratchets on, taking over the candidate key and the remembered chain
   * beyond it; this slot is retired. Call only with a step {@link #stepOf} returned, under the
   * ring's write lock.
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
    handedOverFrom = steps;
    retired = true;
    return advanced;
  }

  /** Runs once: when the last reference goes (a slot at 0 references can never be retained again). */
  private synchronized void wipe() {
    retired = true;
    Arrays.fill(material, (byte) 0);
    for (byte[] c : chain) {
      Arrays.fill(c, (byte) 0);
    }
    for (int s = 0; s < candidates.size() && s < handedOverFrom; s++) {
      candidates.get(s).destroy();
    }
  }

  static byte[] derive(byte[] material, KeyDerivation kdf, byte[] salt) {
    return KeyDerivations.ratchet(material, kdf, salt);
  }
}
