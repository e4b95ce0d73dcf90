package io.e2ee4j.api;

import java.util.Objects;

/**
 * A change of encryption state of one participant's track in one direction.
 *
 * <p>Immutable and thread-safe. Never carries key bytes or plaintext.
 *
 * @param participant whose frames (sent or received) changed state
 * @param trackId the track, as the application names it
 * @param direction encrypting (our own outgoing frames) or decrypting (frames we receive)
 * @param state the new state
 * @param reason why, in words (for example "missing key at index 3"); empty for {@link E2eeState#OK}
 * @param coalescedChanges how many changes of this track's state were not reported on their own
 *     since the previous event, because they came within the coalescing interval (the core's
 *     {@code E2eeManager} reports up to four changes of a track at once, then at most one a
 *     second; a stream whose state flaps is reported once per second with this count); 0 normally
 */
public record E2eeStateEvent(ParticipantId participant, String trackId, Direction direction, E2eeState state,
    String reason, long coalescedChanges) {

  /** Which way frames flow through the cryptor. */
  public enum Direction {
    /** Our frames, being encrypted. */
    ENCRYPT,
    /** Received frames, being decrypted. */
    DECRYPT
  }

  /** An event that stands for one change ({@code coalescedChanges} 0). */
  public E2eeStateEvent(ParticipantId participant, String trackId, Direction direction, E2eeState state,
      String reason) {
    this(participant, trackId, direction, state, reason, 0);
  }

  /** The same event, standing for {@code count} more changes not reported on their own. */
  public E2eeStateEvent withCoalescedChanges(long count) {
    return new E2eeStateEvent(participant, trackId, direction, state, reason, count);
  }

  /**
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if {@code coalescedChanges} is negative
   */
  public E2eeStateEvent {
    Objects.requireNonNull(participant, "participant is null");
    Objects.requireNonNull(trackId, "trackId is null");
    Objects.requireNonNull(direction, "direction is null");
    Objects.requireNonNull(state, "state is null");
    Objects.requireNonNull(reason, "reason is null");
    if (coalescedChanges < 0) {
      throw new IllegalArgumentException("coalescedChanges is negative: " + coalescedChanges);
    }
  }
}
