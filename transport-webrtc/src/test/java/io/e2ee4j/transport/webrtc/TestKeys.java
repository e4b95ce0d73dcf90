package io.e2ee4j.transport.webrtc;

import io.e2ee4j.api.CryptoKey;
import io.e2ee4j.api.KeyDerivation;
import io.e2ee4j.api.KeyHandler;
import io.e2ee4j.api.KeyMaterial;
import io.e2ee4j.api.KeyProviderOptions;
import io.e2ee4j.api.ParticipantId;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A small test key provider written from the {@link KeyHandler} contract and spec sections 3-4
 * (PBKDF2/HKDF, ratchet, key ring, JS failure tolerance per slot). This module's tests cannot use
 * core's DefaultKeyProvider: core's own tests depend on this module, and Maven refuses the cycle.
 * Shared mode gives one ring for everybody. It counts KDF runs so tests can see bounded work.
 */
final class TestKeys {

  final KeyProviderOptions options;
  final AtomicInteger kdfRuns = new AtomicInteger();
  private final byte[] salt;
  private final Ring shared;
  private final Map<ParticipantId, Ring> rings = new ConcurrentHashMap<>();

  TestKeys(KeyProviderOptions options) {
    this.options = options;
    this.salt = options.ratchetSalt();
    this.shared = options.sharedKey() ? new Ring(ParticipantId.of("shared")) : null;
  }

  void setSharedKey(int keyIndex, KeyMaterial material) {
    shared.set(keyIndex % options.keyRingSize(), material.copyBytes(), material.derivationUnder(options));
  }

  void setKey(ParticipantId p, int keyIndex, KeyMaterial material) {
    ring(p).set(keyIndex % options.keyRingSize(), material.copyBytes(), material.derivationUnder(options));
  }

  void ratchetSharedKey(int slot) {
    shared.ratchet(slot);
  }

  void ratchetKey(ParticipantId p, int slot) {
    ring(p).ratchet(slot);
  }

  KeyHandler keyHandler(ParticipantId p) {
    return ring(p);
  }

  Ring ring(ParticipantId p) {
    return shared != null ? shared : rings.computeIfAbsent(p, Ring::new);
  }

  byte[] kdf(KeyDerivation d, byte[] material, int n) {
    kdfRuns.incrementAndGet();
    try {
      return d == KeyDerivation.HKDF ? hkdf(material, n) : pbkdf2(material, n);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private byte[] hkdf(byte[] material, int n) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(salt, "HmacSHA256"));
    byte[] prk = mac.doFinal(material);
    mac.init(new SecretKeySpec(prk, "HmacSHA256"));
    mac.update(new byte[128]);
    mac.update((byte) 1);
    return Arrays.copyOf(mac.doFinal(), n);
  }

  /** PBKDF2-HMAC-SHA256, 100 000 iterations, one block (n <= 32), binary password. */
  private byte[] pbkdf2(byte[] material, int n) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(material.length == 0 ? new byte[1] : material, "HmacSHA256"));
    mac.update(salt);
    byte[] u = mac.doFinal(new byte[] {0, 0, 0, 1});
    byte[] t = u.clone();
    for (int i = 1; i < 100_000; i++) {
      u = mac.doFinal(u);
      for (int j = 0; j < t.length; j++) {
        t[j] ^= u[j];
      }
    }
    return Arrays.copyOf(t, n);
  }

  private static final class Slot {
    final byte[] material;
    final KeyDerivation kdf;
    final CryptoKey key;
    int failures;

    Slot(byte[] material, KeyDerivation kdf, CryptoKey key) {
      this.material = material;
      this.kdf = kdf;
      this.key = key;
    }
  }

  /** One participant's ring; synchronized for simplicity (a test double, not the hot path under test). */
  final class Ring implements KeyHandler {
    private final ParticipantId participant;
    private final Slot[] slots = new Slot[options.keyRingSize()];
    private final Map<CryptoKey, byte[]> candidates = new IdentityHashMap<>();
    private int current;
    int accepted;
    int candidateCalls;

    Ring(ParticipantId participant) {
      this.participant = participant;
    }

    synchronized void set(int slot, byte[] material, KeyDerivation kdf) {
      slots[slot] = new Slot(material, kdf, CryptoKey.of(slot, kdf(kdf, material, options.keySizeBytes())));
      current = slot;
    }

    synchronized void ratchet(int slot) {
      Slot s = slots[slot];
      set(slot, kdf(s.kdf, s.material, 32), s.kdf);
      for (Slot x : slots) {
        if (x != null) {
          x.failures = 0;
        }
      }
    }

    synchronized int failures(int slot) {
      return slots[slot] == null ? 0 : slots[slot].failures;
    }

    @Override
    public ParticipantId participant() {
      return participant;
    }

    @Override
    public synchronized int currentKeyIndex() {
      return current;
    }

    @Override
    public synchronized CryptoKey keyOrNull(int keyIndex) {
      return keyIndex < slots.length && slots[keyIndex] != null ? slots[keyIndex].key : null;
    }

    @Override
    public synchronized boolean isKeyValid(int keyIndex) {
      if (options.failureTolerance() < 0 || keyIndex >= slots.length || slots[keyIndex] == null) {
        return true;
      }
      return slots[keyIndex].failures <= options.failureTolerance();
    }

    @Override
    public boolean allowsAttempt(int keyIndex) {
      return isKeyValid(keyIndex);
    }

    @Override
    public synchronized void recordMissingKey(int keyIndex) {
      if (keyIndex < slots.length && slots[keyIndex] != null) {
        slots[keyIndex].failures++;
      }
    }

    @Override
    public synchronized void recordDecryptionFailure(int keyIndex) {
      if (isKeyValid(current) && keyIndex < slots.length && slots[keyIndex] != null) {
        slots[keyIndex].failures++;
      }
    }

    @Override
    public synchronized void recordDecryptionSuccess(int keyIndex) {
      if (keyIndex < slots.length && slots[keyIndex] != null) {
        slots[keyIndex].failures = 0;
      }
    }

    @Override
    public synchronized CryptoKey ratchetCandidateOrNull(CryptoKey base, int steps) {
      candidateCalls++;
      int slot = base.keyIndex();
      Slot s = slot < slots.length ? slots[slot] : null;
      if (s == null || s.key != base || steps < 1 || steps > options.ratchetWindowSize()) {
        return null;
      }
      byte[] m = s.material;
      for (int i = 0; i < steps; i++) {
        m = kdf(s.kdf, m, 32);
      }
      CryptoKey candidate = CryptoKey.of(slot, kdf(s.kdf, m, options.keySizeBytes()));
      candidates.put(candidate, m);
      return candidate;
    }

    @Override
    public synchronized boolean acceptRatchetCandidate(CryptoKey base, CryptoKey candidate) {
      int slot = base.keyIndex();
      byte[] m = candidates.remove(candidate);
      if (m == null || slots[slot] == null || slots[slot].key != base) {
        return false;
      }
      set(slot, m, slots[slot].kdf);
      accepted++;
      return true;
    }
  }
}
