package io.e2ee4j.api;

/**
 * One participant's view of the keys: the key ring a frame or data-packet cryptor encrypts with
 * (the local participant's) or decrypts with (a remote participant's). In shared-key mode every
 * participant has its own clone of the shared ring, as in LiveKit native: setting or ratcheting
 * the shared key updates every clone, while an auto-ratchet or failure counts change only the
 * clone of the participant whose frames caused them.
 *
 * <p>Key indexes here are ring slots, 0..255: the index a trailer carries. A slot at or past the
 * ring size holds no key.
 *
 * <p>Failure tolerance (LiveKit JS, spec section 4.4): each slot has a failure counter; with
 * tolerance {@code t >= 0} the slot is invalid while its count exceeds {@code t}, and frames for it
 * are dropped without a decryption attempt. Counters reset on a successful decryption with that
 * slot, on setting a key into that slot, on making it current, and (all slots) on a ratchet
 * request.
 *
 * <p>Thread safety: all methods are safe for concurrent use; the read methods take no lock.
 */
public interface KeyHandler {

  /** The participant this view belongs to. */
  ParticipantId participant();

  /** The slot a sender encrypts with now. */
  int currentKeyIndex();

  /** The key in slot {@code keyIndex}, or null if none (or the slot is past the ring size). */
  CryptoKey keyOrNull(int keyIndex);

  /** False while the slot's failure count exceeds the failure tolerance. */
  boolean isKeyValid(int keyIndex);

  /**
   * Whether a frame for slot {@code keyIndex} may be decrypted now: always while the slot is valid;
   * while it is invalid, once per {@link #INVALID_KEY_RETRY_NANOS} (a retry, so that the
   * participant's real frames mark the key valid again without the application setting it anew).
   * Unlike {@link #isKeyValid}, a true answer for an invalid slot uses the retry up.
   */
  boolean allowsAttempt(int keyIndex);

  /** How often a key marked invalid is retried: once a second, in nanoseconds. */
  long INVALID_KEY_RETRY_NANOS = 1_000_000_000L;

  /** A frame named slot {@code keyIndex} and it held no key: counts as a failure of that slot. */
  void recordMissingKey(int keyIndex);

  /**
   * A final decryption failure with slot {@code keyIndex} (after any auto-ratchet): counts as a
   * failure of that slot unless the current slot is already invalid (LiveKit JS).
   */
  void recordDecryptionFailure(int keyIndex);

  /** A successful decryption with slot {@code keyIndex}: resets its failure count. */
  void recordDecryptionSuccess(int keyIndex);

  /**
   * The key {@code steps} ratchets past {@code base}, for a receiver's auto-ratchet; the material
   * is not stored. Never waits for a key derivation: steps are derived ahead of need (step 1 when
   * a key is set) or on a background thread, budgeted per participant and second, and remembered
   * per slot; each candidate handed out counts as one trial decryption, also budgeted per
   * participant and second. So a flood of bad frames causes bounded work, off the frame thread.
   *
   * @param base the key the slot held when the failed attempt started
   * @param steps 1..{@link KeyProviderOptions#ratchetWindowSize()}
   * @return the candidate, or null if the slot no longer holds {@code base}, {@code steps} is out of
   *     the window, the step is not derived yet (it is then requested), or a budget is spent for now
   */
  CryptoKey ratchetCandidateOrNull(CryptoKey base, int steps);

  /**
   * Stores a candidate that decrypted a frame: its material replaces the slot's, the slot becomes
   * current and valid, and listeners hear {@link KeyEvent.Type#AUTO_RATCHETED}.
   *
   * @return false if the slot changed since {@code base} (a newer key wins; nothing is stored)
   */
  boolean acceptRatchetCandidate(CryptoKey base, CryptoKey candidate);
}
