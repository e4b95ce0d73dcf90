package io.e2ee4j.core.internal;

import io.e2ee4j.api.CryptoKey;
import io.e2ee4j.api.KeyDerivation;
import io.e2ee4j.api.KeyEvent;
import io.e2ee4j.api.KeyHandler;
import io.e2ee4j.api.KeyIndex;
import io.e2ee4j.api.KeyProviderOptions;
import io.e2ee4j.api.ParticipantId;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * One participant's key ring (or the shared template ring): slots, the current index, per-slot
 * failure counters (LiveKit JS semantics, spec section 4.4) and the bounded auto-ratchet.
 *
 * <p>Thread safety: reads are lock-free (atomic arrays, a volatile index). Writers hold this
 * ring's own lock; the provider serialises shared-key writes across rings with its own lock
 * first. No lock is global.
 */
public final class ParticipantKeyRing implements KeyHandler {

  private final ParticipantId participant;
  private final int ringSize;
  private final int failureTolerance;
  private final int ratchetWindowSize;
  private final int keyLength;
  private final byte[] salt;
  private final AtomicReferenceArray<KeySlot> slots;
  private final AtomicIntegerArray failures;
  private final DerivationBudget budget;
  private final Consumer<KeyEvent> autoRatchetEvents;
  private final Object writeLock = new Object();
  private volatile int current;

  /**
   * @param participant the owner; null only for the shared template, which is never handed out
   * @param autoRatchetEvents receives an event after each accepted auto-ratchet
   */
  public ParticipantKeyRing(ParticipantId participant, KeyProviderOptions options, LongSupplier nanoClock,
      Consumer<KeyEvent> autoRatchetEvents) {
    this.participant = participant;
    this.ringSize = options.keyRingSize();
    this.failureTolerance = options.failureTolerance();
    this.ratchetWindowSize = options.ratchetWindowSize();
    this.keyLength = options.keySizeBytes();
    this.salt = options.ratchetSalt();
    this.slots = new AtomicReferenceArray<>(ringSize);
    this.failures = new AtomicIntegerArray(ringSize);
    this.budget = new DerivationBudget(ratchetWindowSize + 1, nanoClock);
    this.autoRatchetEvents = autoRatchetEvents;
  }

  /** The slot a key index lands in. */
  public int slotOf(int keyIndex) {
    return KeyIndex.check(keyIndex) % ringSize;
  }

  // ---- KeyHandler: reads ----

  @Override
  public ParticipantId participant() {
    return participant;
  }

  @Override
  public int currentKeyIndex() {
    return current;
  }

  @Override
  public CryptoKey keyOrNull(int keyIndex) {
    if (keyIndex < 0 || keyIndex >= ringSize) {
      return null;
    }
    KeySlot slot = slots.get(keyIndex);
    return slot == null ? null : slot.key;
  }

  @Override
  public boolean isKeyValid(int keyIndex) {
    if (failureTolerance < 0 || keyIndex < 0 || keyIndex >= ringSize) {
      return true;
    }
    return failures.get(keyIndex) <= failureTolerance;
  }

  // ---- KeyHandler: failure bookkeeping ----

  @Override
  public void recordMissingKey(int keyIndex) {
    countFailure(keyIndex);
  }

  @Override
  public void recordDecryptionFailure(int keyIndex) {
    if (isKeyValid(current)) {
      countFailure(keyIndex);
    }
  }

  @Override
  public void recordDecryptionSuccess(int keyIndex) {
    if (keyIndex >= 0 && keyIndex < ringSize && failures.get(keyIndex) != 0) {
      failures.set(keyIndex, 0);
    }
  }

  private void countFailure(int keyIndex) {
    if (failureTolerance < 0 || keyIndex < 0 || keyIndex >= ringSize) {
      return;
    }
    // Saturate just past the tolerance: enough to say "invalid", and no overflow under a flood.
    failures.getAndUpdate(keyIndex, n -> n > failureTolerance ? n : n + 1);
  }

  /** The failure count of a slot, for tests and diagnostics. */
  public int failureCount(int slot) {
    return failures.get(slot);
  }

  // ---- KeyHandler: auto-ratchet ----

  @Override
  public CryptoKey ratchetCandidateOrNull(CryptoKey base, int steps) {
    if (base == null || steps < 1 || steps > ratchetWindowSize) {
      return null;
    }
    int index = base.keyIndex();
    if (index >= ringSize) {
      return null;
    }
    KeySlot slot = slots.get(index);
    if (slot == null || slot.key != base) {
      return null;
    }
    return slot.candidateOrNull(steps, salt, budget);
  }

  @Override
  public boolean acceptRatchetCandidate(CryptoKey base, CryptoKey candidate) {
    if (base == null || candidate == null || base.keyIndex() >= ringSize) {
      return false;
    }
    int index = base.keyIndex();
    synchronized (writeLock) {
      KeySlot slot = slots.get(index);
      if (slot == null || slot.key != base) {
        return false;
      }
      int steps = slot.stepOf(candidate);
      if (steps < 1) {
        return false;
      }
      slots.set(index, slot.advancedBy(steps));
      current = index;
      failures.set(index, 0);
      slot.wipe();
    }
    autoRatchetEvents.accept(new KeyEvent(KeyEvent.Type.AUTO_RATCHETED, Optional.ofNullable(participant),
        KeyIndex.of(index)));
    return true;
  }

  // ---- writes, called by the provider ----

  /** Installs material (owned) with its first chain entry (owned) in a slot; makes it current; resets its counter. */
  public void install(int slot, byte[] material, KeyDerivation kdf, byte[] next) {
    KeySlot fresh = KeySlot.create(slot, material, kdf, next, keyLength);
    synchronized (writeLock) {
      KeySlot old = slots.getAndSet(slot, fresh);
      current = slot;
      failures.set(slot, 0);
      if (old != null) {
        old.wipe();
      }
    }
  }

  /**
   * Ratchets a slot in one step under this ring's write lock, so neither an auto-ratchet nor a
   * {@link #install} can slip between reading the material and storing its successor. Makes the
   * slot current and resets every failure counter (a ratchet request, spec section 4.4).
   *
   * @return the new material (a copy the caller owns), or null if the slot is empty
   */
  public byte[] ratchetOrNull(int slot) {
    synchronized (writeLock) {
      KeySlot s = slots.get(slot);
      if (s == null) {
        return null;
      }
      byte[] material = s.nextMaterialCopy();
      byte[] next = KeySlot.derive(material, s.kdf, salt);
      byte[] result = material.clone();
      install(slot, material, s.kdf, next);
      resetAllFailures();
      return result;
    }
  }

  /** The material in a slot (a copy), or null. */
  public byte[] materialCopyOrNull(int slot) {
    KeySlot s = slots.get(slot);
    return s == null ? null : s.material.clone();
  }

  /** The KDF of a slot's material, or null if empty. */
  public KeyDerivation kdfOrNull(int slot) {
    KeySlot s = slots.get(slot);
    return s == null ? null : s.kdf;
  }

  /** The material one ratchet on from a slot (a copy), or null if the slot is empty. */
  public byte[] nextMaterialCopyOrNull(int slot) {
    KeySlot s = slots.get(slot);
    return s == null ? null : s.nextMaterialCopy();
  }

  /** Makes a slot current and resets its failure counter. */
  public void setCurrent(int slot) {
    synchronized (writeLock) {
      current = slot;
      failures.set(slot, 0);
    }
  }

  /** Resets every slot's failure counter (after a ratchet request). */
  public void resetAllFailures() {
    for (int i = 0; i < ringSize; i++) {
      failures.set(i, 0);
    }
  }

  /** A clone for {@code owner}: the same keys (fresh copies), the same current index, fresh counters. */
  public ParticipantKeyRing copyFor(ParticipantId owner, KeyProviderOptions options, LongSupplier nanoClock,
      Consumer<KeyEvent> events) {
    ParticipantKeyRing copy = new ParticipantKeyRing(owner, options, nanoClock, events);
    synchronized (writeLock) {
      for (int i = 0; i < ringSize; i++) {
        KeySlot s = slots.get(i);
        if (s != null) {
          copy.slots.set(i, s.copy());
        }
      }
      copy.current = current;
    }
    return copy;
  }

  /** Wipes every slot and destroys the keys (best effort). */
  public void destroy() {
    synchronized (writeLock) {
      for (int i = 0; i < ringSize; i++) {
        KeySlot s = slots.getAndSet(i, null);
        if (s != null) {
          s.wipe();
          s.key.destroy();
        }
      }
    }
  }

  @Override
  public String toString() {
    return "ParticipantKeyRing[" + (participant == null ? "shared" : participant) + ", current=" + current
        + ", size=" + ringSize + "]";
  }
}
