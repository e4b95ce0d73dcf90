package io.e2ee4j.core;

import io.e2ee4j.api.E2eeState;
import io.e2ee4j.api.E2eeStateEvent.Direction;
import io.e2ee4j.api.ParticipantId;
import io.e2ee4j.api.media.EncodedFrame;
import io.e2ee4j.api.media.FrameCryptor;
import io.e2ee4j.api.media.FrameCryptorConfig;
import io.e2ee4j.api.media.FrameDropReason;
import io.e2ee4j.api.media.FrameMetadata;
import io.e2ee4j.api.media.FrameResult;
import io.e2ee4j.api.media.PassThroughReason;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * A frame cryptor made by an {@link E2eeManager}: the {@link io.e2ee4j.api.media.FrameCryptorFactory}'s
 * cryptor, plus frame counters and the manager's bookkeeping. Frames go straight to the wrapped
 * cryptor; this adds a few counter increments per frame and allocates nothing.
 *
 * <p>Plaintext is never forwarded silently: the first frame a disabled sender passes in plaintext,
 * and the first plaintext frame a receiver accepts under {@link
 * io.e2ee4j.api.media.UnencryptedFramePolicy#ACCEPT}, are logged (once per track and switch).
 *
 * <p>{@link #setEnabled} switches this track alone; the manager's own switches ({@link
 * E2eeManager#setEnabled(boolean)}, {@link E2eeManager#setEnabled(ParticipantId, boolean)})
 * overwrite it when they change. {@link #close()} closes the wrapped cryptor and removes this one
 * from the manager's list.
 *
 * <p>Thread safety: as the wrapped cryptor (safe for concurrent use, no global lock); the counters
 * are lock-free.
 */
public final class ManagedFrameCryptor implements FrameCryptor {

  private static final Logger LOG = System.getLogger(ManagedFrameCryptor.class.getName());
  private static final FrameDropReason[] REASONS = FrameDropReason.values();

  private final FrameCryptor delegate;
  private final E2eeManager manager;
  private final StateCoalescer states;
  private final LongAdder encrypted = new LongAdder();
  private final LongAdder decrypted = new LongAdder();
  private final LongAdder passedThrough = new LongAdder();
  private final AtomicLongArray dropped = new AtomicLongArray(REASONS.length);
  private final AtomicBoolean plaintextLogged = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();

  ManagedFrameCryptor(FrameCryptor delegate, E2eeManager manager, StateCoalescer states) {
    this.delegate = delegate;
    this.manager = manager;
    this.states = states;
  }

  /** The participant whose frames this cryptor handles. */
  public ParticipantId participant() {
    return delegate.config().participant();
  }

  /** The track id. */
  public String trackId() {
    return delegate.config().trackId();
  }

  /** Encrypting (a local track) or decrypting (a remote one). */
  public Direction direction() {
    return delegate.config().direction();
  }

  /** A snapshot of the frame counts so far. */
  public FrameCounters counters() {
    Map<FrameDropReason, Long> byReason = new EnumMap<>(FrameDropReason.class);
    long total = 0;
    for (FrameDropReason r : REASONS) {
      long n = dropped.get(r.ordinal());
      if (n > 0) {
        byReason.put(r, n);
        total += n;
      }
    }
    return new FrameCounters(encrypted.sum(), decrypted.sum(), passedThrough.sum(), total, byReason);
  }

  @Override
  public FrameCryptorConfig config() {
    return delegate.config();
  }

  @Override
  public FrameResult process(EncodedFrame frame, ByteBuffer out) {
    FrameResult result = delegate.process(frame, out);
    states.flushIfDue();
    switch (result.status()) {
      case ENCRYPTED -> encrypted.increment();
      case DECRYPTED -> decrypted.increment();
      case PASSED_THROUGH -> {
        passedThrough.increment();
        PassThroughReason why = result.passThroughReasonOrNull();
        if ((why == PassThroughReason.DISABLED || why == PassThroughReason.UNENCRYPTED_ACCEPTED)
            && plaintextLogged.compareAndSet(false, true)) {
          LOG.log(Level.WARNING, "{0} track {1} of {2}: forwarding plaintext frames ({3})",
              direction() == Direction.ENCRYPT ? "sending" : "receiving", trackId(), participant(),
              why == PassThroughReason.DISABLED ? "encryption switched off" : "unencrypted frames accepted by policy");
        }
      }
      case DROPPED -> dropped.incrementAndGet(result.dropReasonOrNull().ordinal());
    }
    return result;
  }

  @Override
  public int maxOutputSize(int frameLength) {
    return delegate.maxOutputSize(frameLength);
  }

  @Override
  public void setEnabled(boolean enabled) {
    if (enabled != delegate.isEnabled()) {
      plaintextLogged.set(false);
    }
    delegate.setEnabled(enabled);
  }

  @Override
  public boolean isEnabled() {
    return delegate.isEnabled();
  }

  @Override
  public void setCodecMimeType(String mimeType) {
    delegate.setCodecMimeType(mimeType);
  }

  @Override
  public E2eeState state() {
    return delegate.state();
  }

  @Override
  public String stateReason() {
    return delegate.stateReason();
  }

  @Override
  public FrameMetadata lastMetadataOrNull() {
    return delegate.lastMetadataOrNull();
  }

  /** Closes the wrapped cryptor and leaves the manager's list. Idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      try {
        delegate.close();
      } finally {
        manager.forget(this);
      }
    }
  }

  @Override
  public boolean isClosed() {
    return delegate.isClosed();
  }

  /** Participant, track, direction, state and counts; never frame or key bytes. */
  @Override
  public String toString() {
    FrameCounters c = counters();
    return "ManagedFrameCryptor[" + participant() + ", " + trackId() + ", " + direction() + ", "
        + state() + (stateReason().isEmpty() ? "" : " (" + stateReason() + ")")
        + (isEnabled() ? "" : ", disabled") + ", encrypted=" + c.encrypted() + ", decrypted=" + c.decrypted()
        + ", passedThrough=" + c.passedThrough() + ", dropped=" + c.dropped() + "]";
  }
}
