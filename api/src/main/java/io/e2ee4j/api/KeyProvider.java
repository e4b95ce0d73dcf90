package io.e2ee4j.api;

/**
 * Holds the keys of a room, mirroring LiveKit's key provider: a shared key or one key ring per
 * participant, keys set at a key index, ratchets, export, the current key index, and listeners.
 *
 * <p>Key indexes are 0..255; a key set at index {@code i} lands in slot {@code i mod keyRingSize},
 * and that slot becomes the current one (the one a sender uses). Material derives to an AES key
 * with the KDF that {@link KeyMaterial#derivationUnder} names, using the ratchet salt (spec
 * section 3). A ratchet replaces a slot's material with {@code KDF(material, salt, 32 bytes)}.
 *
 * <p>Mode errors are programmer errors: calling a per-participant method in shared-key mode, or a
 * shared one in per-participant mode, throws {@link IllegalStateException}. Asking to ratchet or
 * export a slot that holds no key throws {@link IllegalStateException} too.
 *
 * <p>Thread safety: implementations must be safe for concurrent use; readers (the frame paths)
 * never wait for writers.
 */
public interface KeyProvider {

  /** The options this provider was made with. */
  KeyProviderOptions options();

  /** Shared-key mode: sets the shared key at {@code keyIndex} and makes that slot current. */
  void setSharedKey(int keyIndex, KeyMaterial material);

  /** Per-participant mode: sets {@code participant}'s key at {@code keyIndex} and makes that slot current. */
  void setKey(ParticipantId participant, int keyIndex, KeyMaterial material);

  /**
   * Shared-key mode: ratchets the shared key at {@code keyIndex}, makes that slot current, resets
   * failure counters.
   *
   * @return the new material (a copy the caller owns)
   */
  byte[] ratchetSharedKey(int keyIndex);

  /**
   * Per-participant mode: ratchets {@code participant}'s key at {@code keyIndex}, makes that slot
   * current, resets its failure counters.
   *
   * @return the new material (a copy the caller owns)
   */
  byte[] ratchetKey(ParticipantId participant, int keyIndex);

  /** Shared-key mode: the material of the shared key at {@code keyIndex} (a copy the caller owns). */
  byte[] exportSharedKey(int keyIndex);

  /** Per-participant mode: the material of {@code participant}'s key at {@code keyIndex} (a copy). */
  byte[] exportKey(ParticipantId participant, int keyIndex);

  /**
   * The current slot of {@code participant}'s ring (in shared-key mode, of the shared ring, which
   * every participant's clone follows until an auto-ratchet moves that clone).
   */
  int currentKeyIndex(ParticipantId participant);

  /** Makes {@code keyIndex}'s slot current for {@code participant} (shared mode: for everybody) and resets its failure count. */
  void setCurrentKeyIndex(ParticipantId participant, int keyIndex);

  /**
   * The view a cryptor for {@code participant}'s frames uses, created (an empty ring, or in
   * shared-key mode a clone of the shared ring) if the participant has none yet. Call it for
   * participants the application knows (its own, and those whose tracks it subscribes to), never
   * with an identity a peer chose: that is {@link #findKeyHandlerOrNull}'s job.
   */
  KeyHandler keyHandler(ParticipantId participant);

  /**
   * The view to decrypt {@code participant}'s packets with, without creating anything: the
   * participant's own view if it has one; otherwise, in shared-key mode, a read-only view of the
   * shared ring (its failure bookkeeping and auto-ratchet do nothing); otherwise null. For
   * receive paths where the identity comes from the peer (a data packet's {@code
   * participant_identity}), so that forged identities cost no memory.
   */
  KeyHandler findKeyHandlerOrNull(ParticipantId participant);

  /**
   * Forgets {@code participant}: its key ring (or shared-key clone) is dropped, and its key
   * material is wiped once no reader holds it. Call it when the participant leaves the room (as
   * LiveKit does on {@code ParticipantDisconnected}); an application using the core's {@code
   * E2eeManager} calls its {@code removeParticipant} instead, which does this too. In shared-key mode the shared key stays; a participant seen again starts from it. No
   * effect for an unknown participant.
   */
  void removeParticipant(ParticipantId participant);

  /** Adds a listener; it hears changes made after this call. */
  void addListener(KeyProviderListener listener);

  /** Removes a listener added before; no effect if absent. */
  void removeListener(KeyProviderListener listener);
}
