package io.e2ee4j.examples;

import io.e2ee4j.api.E2eeState;
import io.e2ee4j.api.media.FrameDropReason;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a {@link RoomDemo} run: per participant what was sent, received, decrypted and
 * dropped, the state changes reported, and what the SFU saw.
 *
 * @param participants one entry per participant, in joining order
 * @param stateChanges the state changes the participants' managers reported, as printed
 * @param sfuPublished frames published through the SFU
 * @param sfuForwarded frames the SFU delivered (one per subscriber)
 * @param sfuForwardedBytes payload bytes the SFU delivered
 * @param plaintextMarkerHits published frames containing the plaintext marker (must be 0)
 * @param plaintextBodyHits plaintexts whose tail bytes appear in some published frame (must be 0)
 */
record RoomReport(List<Participant> participants, List<String> stateChanges, int sfuPublished, long sfuForwarded,
    long sfuForwardedBytes, int plaintextMarkerHits, int plaintextBodyHits) {

  /**
   * One participant's counts.
   *
   * @param receiveStates final state per remote track ("sender/track")
   */
  record Participant(String name, long sent, long received, long decrypted, long mismatched, long dropped,
      Map<FrameDropReason, Long> droppedByReason, Map<String, E2eeState> receiveStates) {}

  Participant participant(String name) {
    return participants.stream().filter(p -> p.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no participant " + name));
  }
}
