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
 */
public record E2eeStateEvent(
    ParticipantId participant, String trackId, Direction direction, E2eeState state, String reason) {

  /** Which way frames flow through the cryptor. */
  public enum Direction {
    /** Our frames, being encrypted. */
    ENCRYPT,
    /** Received frames, being decrypted. */
    DECRYPT
  }

  /** @throws NullPointerException if a component is null */
  public E2eeStateEvent {
    Objects.requireNonNull(participant, "participant is null");
    Objects.requireNonNull(trackId, "trackId is null");
    Objects.requireNonNull(direction, "direction is null");
    Objects.requireNonNull(state, "state is null");
    Objects.requireNonNull(reason, "reason is null");
  }
}
