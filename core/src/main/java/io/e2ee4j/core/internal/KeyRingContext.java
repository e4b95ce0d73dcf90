package io.e2ee4j.core.internal;

import io.e2ee4j.api.KeyEvent;
import io.e2ee4j.api.KeyProviderOptions;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * What every key ring of one provider shares: the options, the clock of the budgets, the executor
 * that derives auto-ratchet steps off the frame threads, where accepted auto-ratchets are reported,
 * and the counters of work done for receivers.
 *
 * <p>Thread-safe.
 */
public final class KeyRingContext {

  final KeyProviderOptions options;
  final byte[] salt;
  final LongSupplier nanoClock;
  final Executor deriver;
  final Consumer<KeyEvent> autoRatchetEvents;
  final LongAdder derivations = new LongAdder();
  final LongAdder trials = new LongAdder();

  /**
   * @param deriver runs auto-ratchet derivations; tasks are short-lived and at most one per slot is
   *     queued at a time
   * @param autoRatchetEvents receives an event after each accepted auto-ratchet
   */
  public KeyRingContext(KeyProviderOptions options, LongSupplier nanoClock, Executor deriver,
      Consumer<KeyEvent> autoRatchetEvents) {
    this.options = options;
    this.salt = options.ratchetSalt();
    this.nanoClock = nanoClock;
    this.deriver = deriver;
    this.autoRatchetEvents = autoRatchetEvents;
  }

  /** Key derivations run for receivers' auto-ratchets so far. */
  public long derivations() {
    return derivations.sum();
  }

  /** Ratchet candidates handed out for trial decryptions so far. */
  public long trials() {
    return trials.sum();
  }
}
