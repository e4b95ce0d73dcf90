package io.e2ee4j.api;

import java.util.Objects;
import java.util.Optional;

/**
 * Something that happened to a key: it was set, ratcheted on request, or auto-ratcheted by a
 * receiver. Carries no key bytes (ask {@link KeyProvider#exportKey} if you need them).
 *
 * <p>Immutable and thread-safe.
 *
 * @param type what happened
 * @param participant the participant whose key ring changed; empty for the shared key
 * @param keyIndex the slot
 */
public record KeyEvent(Type type, Optional<ParticipantId> participant, KeyIndex keyIndex) {

  /** What happened to the key. */
  public enum Type {
    /** A key was set from new material. */
    SET,
    /** The application ratcheted the key ({@link KeyProvider#ratchetKey}, {@link KeyProvider#ratchetSharedKey}). */
    RATCHETED,
    /** A receiver's auto-ratchet found the sender's newer key. */
    AUTO_RATCHETED
  }

  /** @throws NullPointerException if a component is null */
  public KeyEvent {
    Objects.requireNonNull(type, "type is null");
    Objects.requireNonNull(participant, "participant is null");
    Objects.requireNonNull(keyIndex, "keyIndex is null");
  }
}
