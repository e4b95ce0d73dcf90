package io.e2ee4j.api;

import java.util.Objects;

/**
 * A participant's identity in a room, as the SFU names it (LiveKit's {@code participant_identity}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param value the identity, non-empty
 */
public record ParticipantId(String value) {

  /**
   * @throws NullPointerException if {@code value} is null
   * @throws IllegalArgumentException if {@code value} is empty
   */
  public ParticipantId {
    Objects.requireNonNull(value, "value is null");
    if (value.isEmpty()) {
      throw new IllegalArgumentException("participant identity is empty");
    }
  }

  /** Shorthand for {@code new ParticipantId(value)}. */
  public static ParticipantId of(String value) {
    return new ParticipantId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
