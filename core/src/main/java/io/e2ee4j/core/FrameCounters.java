package io.e2ee4j.core;

import io.e2ee4j.api.media.FrameDropReason;
import java.util.Map;
import java.util.Objects;

/**
 * How many frames one {@link ManagedFrameCryptor} handled, by outcome: a snapshot.
 *
 * <p>Immutable and thread-safe. The counts are read one after the other without a lock, so a
 * snapshot taken while frames flow may be off by the frames in flight.
 *
 * @param encrypted frames a sending cryptor encrypted
 * @param decrypted frames a receiving cryptor decrypted
 * @param passedThrough frames forwarded unchanged (empty frames, a disabled sender, accepted
 *     plaintext, server-injected blank frames)
 * @param dropped frames dropped, all reasons together
 * @param droppedByReason the drops per reason; reasons that never occurred are absent
 */
public record FrameCounters(long encrypted, long decrypted, long passedThrough, long dropped,
    Map<FrameDropReason, Long> droppedByReason) {

  /** @throws NullPointerException if {@code droppedByReason} is null */
  public FrameCounters {
    droppedByReason = Map.copyOf(Objects.requireNonNull(droppedByReason, "droppedByReason is null"));
  }

  /** The frames dropped for {@code reason}. */
  public long dropped(FrameDropReason reason) {
    return droppedByReason.getOrDefault(reason, 0L);
  }

  /** Every frame handed to the cryptor: the sum of all outcomes. */
  public long total() {
    return encrypted + decrypted + passedThrough + dropped;
  }
}
