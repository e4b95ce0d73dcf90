package io.e2ee4j.core.internal;

import io.e2ee4j.api.CryptoKey;
import io.e2ee4j.api.KeyDerivation;
import io.e2ee4j.api.KeyEvent;
import io.e2ee4j.api.KeyHandler;
import io.e2ee4j.api.KeyIndex;
import io.e2ee4j.api.ParticipantId;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;

/**
 * One participant's key ring (or the shared template ring): slots, the current index, per-slot
 * failure counters (LiveKit JS semantics, spec section 4.4, plus a retry of invalid keys once a
 * second) and the bounded auto-ratchet.
 *
 * <p>Budgets per ring (so per participant): {@link #derivationsPerSecond()} key derivations
 * ({@code ratchetWindowSize + 1}), run on the provider's executor, and {@link
 * #TRIAL_DECRYPTIONS_PER_SECOND} ratchet candidates handed out for trial decryptions.
 *
 * <p>Thread safety: reads are lock-free (atomic arrays, a volatile index). Writers hold this
 * ring's own lock; the provider serialises shared-key writes across rings with its own lock
 * first. No lock is global. Slots are reference-counted (see {@link KeySlot}), so secrets are
 * wiped only once no reader holds them.
 */
public final class ParticipantKeyRing implements KeyHandler {

  /** Ratchet candidates handed out per participant and second, for trial decryptions. */
  public static final int TRIAL_DECRYPTIONS_PER_SECOND = 64;

  private final ParticipantId participant;
  private final KeyRingContext context;
  private final int ringSize;
  private final int failureTolerance;
  private final int ratchetWindowSize;
  private final int keyLength;
  private final AtomicReferenceArray<KeySlot> slots;
  private final AtomicIntegerArray failures;
  /** When an invalid slot may be tried again (nanoClock time). */
  private final AtomicLongArray retryAt;
  private final TokenBucket derivationBudget;
  private final TokenBucket trialBudget;
  private final Object writeLock = new Object();
  private volatile int current;

  /** @param participant the owner; null only for the shared template, which is never handed out */
  public ParticipantKeyRing(ParticipantId participant, KeyRingContext context) {
    this.participant = participant;
    this.context = context;
    this.ringSize = context.options.keyRingSize();
    this.failureTolerance = context.options.failureTolerance();
    this.ratchetWindowSize = context.options.ratchetWindowSize();
    this.keyLength = context.options.keySizeBytes();
    this.slots = new AtomicReferenceArray<>(ringSize);
    this.failures = new AtomicIntegerArray(ringSize);
    this.retryAt = new AtomicLongArray(ringSize);
    this.derivationBudget = new TokenBucket(derivationsPerSecond(), context.nanoClock);
    this.trialBudget = new TokenBucket(TRIAL_DECRYPTIONS_PER_SECOND, context.nanoClock);
  }

  /** The slot a key index lands in. */
  public int slotOf(int keyIndex) {
    return KeyIndex.check(keyIndex) % ringSize;
  }

  /** Key derivations allowed per second for this ring's auto-ratchet: {@code ratchetWindowSize + 1}. */
  public int derivationsPerSecond() {
    return ratchetWindowSize + 1;
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

  @Override
  public boolean allowsAttempt(int keyIndex) {
    if (isKeyValid(keyIndex)) {
      return true;
    }
    long now = context.nanoClock.getAsLong();
    long at = retryAt.get(keyIndex);
    return now - at >= 0 && retryAt.compareAndSet(keyIndex, at, now + INVALID_KEY_RETRY_NANOS);
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
    int before = failures.getAndUpdate(keyIndex, n -> n > failureTolerance ? n : n + 1);
    if (before == failureTolerance) {
      retryAt.set(keyIndex, context.nanoClock.getAsLong() + INVALID_KEY_RETRY_NANOS);
    }
  }

  /** The failure count of a slot, for tests and diagnostics. */
  public int failureCount(int slot) {
    return failures.get(slot);
  }

  // ---- KeyHandler: auto-ratchet ----

  @Override
  public CryptoKey ratchetCandidateOrNull(CryptoKey base, int steps) {
    if (base == null || steps < 1 || steps > ratchetWindowSize || base.keyIndex() >= ringSize) {
      return null;
    }
    KeySlot slot = slots.get(base.keyIndex());
    if (slot == null || slot.key != base) {
      return null;
    }
    CryptoKey candidate = slot.candidateOrNull(steps, context.salt, derivationBudget, context);
    if (candidate == null || !trialBudget.tryAcquire()) {
      return null;
    }
    context.trials.increment();
    return candidate;
  }

  @Override
  public boolean acceptRatchetCandidate(CryptoKey base, CryptoKey candidate) {
    if (base == null || candidate == null || base.keyIndex() >= ringSize) {
      return false;
    }
    int index = base.keyIndex();
    KeySlot advanced;
    synchronized (writeLock) {
      KeySlot slot = slots.get(index);
      if (slot == null || slot.key != base) {
        return false;
      }
      int steps = slot.stepOf(candidate);
      if (steps < 1) {
        return false;
      }
      advanced = slot.advancedBy(steps);
      slots.set(index, advanced);
      current = index;
      failures.set(index, 0);
      slot.release();
    }
    // Keep one step ahead, off this (frame) thread, as a freshly set key is.
    advanced.requestDerivation(2, context.salt, derivationBudget, context);
    context.autoRatchetEvents.accept(new KeyEvent(KeyEvent.Type.AUTO_RATCHETED, Optional.ofNullable(participant),
        KeyIndex.of(index)));
    return true;
  }

  // ---- writes, called by the provider ----

  /**
   * Installs material (owned) in a slot, with its first two ratchets derived on this thread ({@code
   * c0 = KDF(material)} gives the key, {@code c1 = KDF(c0)} the first auto-ratchet step); makes it
   * current; resets its counter. The replaced slot is wiped once no reader holds it.
   */
  public void install(int slot, byte[] material, KeyDerivation kdf) {
    byte[] c0 = KeySlot.derive(material, kdf, context.salt);
    byte[] c1 = KeySlot.derive(c0, kdf, context.salt);
    installSlot(slot, KeySlot.create(slot, material, kdf, c0, c1, keyLength));
  }

  /** Installs a copy (fresh arrays and key object) of {@code from}'s slot, as {@link #install} does; for shared-key clones. */
  public void installCopyOf(ParticipantKeyRing from, int slot) {
    KeySlot copy = from.readSlotOrNull(slot, KeySlot::copy);
    if (copy != null) {
      installSlot(slot, copy);
    }
  }

  private void installSlot(int slot, KeySlot fresh) {
    synchronized (writeLock) {
      KeySlot old = slots.getAndSet(slot, fresh);
      current = slot;
      failures.set(slot, 0);
      if (old != null) {
        old.retire();
        old.release();
      }
    }
  }

  /**
   * Ratchets a slot in one step under this ring's write lock, so neither an auto-ratchet nor a
   * {@link #install} can slip between reading the material and storing its successor. Makes the
   * slot current and resets every failure counter (a ratchet request, spec section 4.4). Runs up
   * to two key derivations on the caller's thread.
   *
   * @return the new material (a copy the caller owns), or null if the slot is empty
   */
  public byte[] ratchetOrNull(int slot) {
    synchronized (writeLock) {
      KeySlot s = slots.get(slot);
      if (s == null) {
        return null;
      }
      // Under the write lock the slot cannot be replaced, so the ring's reference keeps it alive.
      byte[] material = s.nextMaterialCopy();
      byte[] c0 = s.secondMaterialCopyOrNull();
      if (c0 == null) {
        c0 = KeySlot.derive(material, s.kdf, context.salt);
      }
      byte[] c1 = KeySlot.derive(c0, s.kdf, context.salt);
      byte[] result = material.clone();
      installSlot(slot, KeySlot.create(slot, material, s.kdf, c0, c1, keyLength));
      resetAllFailures();
      return result;
    }
  }

  /** Reads a slot's secrets through {@code reader} while holding a reference; null if the slot is empty. */
  private <T> T readSlotOrNull(int slot, Function<KeySlot, T> reader) {
    while (true) {
      KeySlot s = slots.get(slot);
      if (s == null) {
        return null;
      }
      if (s.retain()) {
        try {
          return reader.apply(s);
        } finally {
          s.release();
        }
      }
      // Wiped between the read and the retain: its successor is installed by now.
    }
  }

  /** The material in a slot (a copy), or null. */
  public byte[] materialCopyOrNull(int slot) {
    return readSlotOrNull(slot, s -> s.material.clone());
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
  public ParticipantKeyRing copyFor(ParticipantId owner) {
    ParticipantKeyRing copy = new ParticipantKeyRing(owner, context);
    synchronized (writeLock) {
      for (int i = 0; i < ringSize; i++) {
        KeySlot s = readSlotOrNull(i, KeySlot::copy);
        if (s != null) {
          copy.slots.set(i, s);
        }
      }
      copy.current = current;
    }
    return copy;
  }

  /** Empties every slot; each is wiped, and its keys destroyed, once no reader holds it. */
  public void destroy() {
    synchronized (writeLock) {
      for (int i = 0; i < ringSize; i++) {
        KeySlot s = slots.getAndSet(i, null);
        if (s != null) {
          s.retire();
          s.release();
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
