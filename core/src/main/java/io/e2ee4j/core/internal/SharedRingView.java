package io.e2ee4j.core.internal;

import io.e2ee4j.api.CryptoKey;
import io.e2ee4j.api.KeyHandler;
import io.e2ee4j.api.ParticipantId;

/**
 * A read-only view of the shared ring for a participant that has no clone of its own: what a
 * receive path whose sender identity comes from the peer gets, so that a forged identity creates
 * nothing. Keys and validity are the shared ring's; failure bookkeeping and the auto-ratchet do
 * nothing (they would otherwise change the shared ring for everybody).
 *
 * <p>Thread-safe; holds no state of its own but the participant.
 */
public final class SharedRingView implements KeyHandler {

  private final ParticipantId participant;
  private final ParticipantKeyRing shared;

  public SharedRingView(ParticipantId participant, ParticipantKeyRing shared) {
    this.participant = participant;
    this.shared = shared;
  }

  @Override
  public ParticipantId participant() {
    return participant;
  }

  @Override
  public int currentKeyIndex() {
    return shared.currentKeyIndex();
  }

  @Override
  public CryptoKey keyOrNull(int keyIndex) {
    return shared.keyOrNull(keyIndex);
  }

  @Override
  public boolean isKeyValid(int keyIndex) {
    return shared.isKeyValid(keyIndex);
  }

  @Override
  public boolean allowsAttempt(int keyIndex) {
    return shared.isKeyValid(keyIndex);
  }

  @Override
  public void recordMissingKey(int keyIndex) {}

  @Override
  public void recordDecryptionFailure(int keyIndex) {}

  @Override
  public void recordDecryptionSuccess(int keyIndex) {}

  @Override
  public CryptoKey ratchetCandidateOrNull(CryptoKey base, int steps) {
    return null;
  }

  @Override
  public boolean acceptRatchetCandidate(CryptoKey base, CryptoKey candidate) {
    return false;
  }

  @Override
  public String toString() {
    return "SharedRingView[" + participant + "]";
  }
}
