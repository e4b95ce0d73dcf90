package io.e2ee4j.transport.webrtc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.e2ee4j.api.E2eeState;
import io.e2ee4j.api.E2eeStateEvent;
import io.e2ee4j.api.E2eeStateEvent.Direction;
import io.e2ee4j.api.KeyMaterial;
import io.e2ee4j.api.KeyProviderOptions;
import io.e2ee4j.api.ParticipantId;
import io.e2ee4j.api.media.FrameCryptor;
import io.e2ee4j.api.media.FrameDropReason;
import io.e2ee4j.api.media.FrameResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Auto-ratchet as native intends it (spec 4.5) and failure tolerance per key index (spec 4.4). */
class AutoRatchetAndToleranceTest {

  private static final ParticipantId BOB = ParticipantId.of("bob");
  private static final KeyMaterial MATERIAL = KeyMaterial.fromBytes("ratchet-material".getBytes(StandardCharsets.UTF_8));

  private static Rig perParticipant(int window, int tolerance) {
    return new Rig(KeyProviderOptions.builder().ratchetWindowSize(window).failureTolerance(tolerance).build());
  }

  /** Bob's sender is {@code gap} ratchets ahead of the receiver, which has the original material. */
  private static FrameResult[] sendAheadAndReceive(int gap, Rig rx, FrameCryptor receiver, byte[]... frames) {
    Rig tx = perParticipant(8, 10);
    tx.provider.setKey(BOB, 0, MATERIAL);
    for (int i = 0; i < gap; i++) {
      tx.provider.ratchetKey(BOB, 0);
    }
    FrameCryptor sender = tx.sender(BOB, b -> b);
    FrameResult[] out = new FrameResult[frames.length];
    for (int i = 0; i < frames.length; i++) {
      byte[] enc = Rig.bytes(sender.process(Rig.audio(frames[i]).withPayload(java.nio.ByteBuffer.wrap(frames[i]))));
      out[i] = receiver.process(Rig.audio(enc));
    }
    return out;
  }

  private static void bridgesGap(int gap) {
    Rig rx = perParticipant(8, 10);
    rx.provider.setKey(BOB, 0, MATERIAL);
    FrameCryptor receiver = rx.receiver(BOB, b -> b);
    byte[] p1 = Rig.random(gap, 40);
    byte[] p2 = Rig.random(gap + 100, 40);
    FrameResult[] r = sendAheadAndReceive(gap, rx, receiver, p1, p2);
    assertEquals(FrameResult.Status.DECRYPTED, r[0].status(), r[0].toString());
    assertArrayEquals(p1, Rig.bytes(r[0]));
    assertEquals(List.of(E2eeState.KEY_RATCHETED, E2eeState.OK), rx.states(Direction.DECRYPT),
        "ratcheted once, then plain success");
    assertTrue(rx.events.get(0).reason().contains(gap + " step"), rx.events.get(0).reason());
    assertEquals(1, rx.provider.ring(BOB).accepted, "the working candidate is stored");
    // The second frame decrypts with the stored key: no candidates asked for.
    assertEquals(FrameResult.Status.DECRYPTED, r[1].status());
    assertEquals(gap, rx.provider.ring(BOB).candidateCalls);
  }

  @Test
  void bridgesAGapOfOneRatchet() {
    bridgesGap(1);
  }

  @Test
  void bridgesAGapOfThreeRatchetsWhichLiveKitJsCannot() {
    bridgesGap(3);
  }

  @Test
  void aGapBeyondTheWindowIsDroppedAfterAtMostWindowCandidates() {
    Rig rx = perParticipant(8, -1);
    rx.provider.setKey(BOB, 0, MATERIAL);
    FrameCryptor receiver = rx.receiver(BOB, b -> b);
    FrameResult[] r = sendAheadAndReceive(9, rx, receiver, Rig.random(9, 40), Rig.random(10, 40));
    for (FrameResult x : r) {
      assertEquals(FrameDropReason.AUTHENTICATION_FAILED, x.dropReasonOrNull(), x.toString());
    }
    assertEquals(16, rx.provider.ring(BOB).candidateCalls, "8 candidates per frame, no more");
    assertEquals(0, rx.provider.ring(BOB).accepted);
    assertEquals(List.of(E2eeState.DECRYPTION_FAILED), rx.states(Direction.DECRYPT), "one event for two failures");
  }

  @Test
  void failureToleranceFollowsTheJsSequence() {
    // Spec 4.4 [failure-tolerance-3]: tolerance 3, wrong key: frames 1-4 attempted, 5 and 6 dropped
    // without an attempt, and after setKey frame 7 decrypts.
    Rig tx = perParticipant(0, 3);
    tx.provider.setKey(BOB, 0, MATERIAL);
    FrameCryptor sender = tx.sender(BOB, b -> b);
    Rig rx = perParticipant(0, 3);
    rx.provider.setKey(BOB, 0, KeyMaterial.fromBytes("wrong".getBytes(StandardCharsets.UTF_8)));
    FrameCryptor receiver = rx.receiver(BOB, b -> b);
    List<FrameDropReason> reasons = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      byte[] enc = Rig.bytes(sender.process(Rig.audio(Rig.random(i, 30))));
      reasons.add(receiver.process(Rig.audio(enc)).dropReasonOrNull());
    }
    assertEquals(List.of(FrameDropReason.AUTHENTICATION_FAILED, FrameDropReason.AUTHENTICATION_FAILED,
        FrameDropReason.AUTHENTICATION_FAILED, FrameDropReason.AUTHENTICATION_FAILED,
        FrameDropReason.KEY_INVALID, FrameDropReason.KEY_INVALID), reasons);
    assertEquals(E2eeState.DECRYPTION_FAILED, receiver.state());
    rx.provider.setKey(BOB, 0, MATERIAL);
    byte[] p7 = Rig.random(7, 30);
    FrameResult r7 = receiver.process(Rig.audio(Rig.bytes(sender.process(Rig.audio(p7)))));
    assertEquals(FrameResult.Status.DECRYPTED, r7.status());
    assertArrayEquals(p7, Rig.bytes(r7));
    assertEquals(E2eeState.OK, receiver.state());
  }

  @Test
  void missingKeysCountAsFailuresOfTheirSlot() {
    Rig rx = perParticipant(0, 1);
    rx.provider.setKey(BOB, 0, MATERIAL);
    Rig tx = perParticipant(0, 1);
    tx.provider.setKey(BOB, 0, MATERIAL);
    tx.provider.setKey(BOB, 2, MATERIAL);
    FrameCryptor receiver = rx.receiver(BOB, b -> b);
    byte[] enc = Rig.bytes(tx.sender(BOB, b -> b).process(Rig.audio(Rig.random(1, 30))));
    FrameResult r = receiver.process(Rig.audio(enc));
    assertEquals(FrameDropReason.MISSING_KEY, r.dropReasonOrNull());
    assertEquals(2, r.keyIndex());
    assertEquals(E2eeState.MISSING_KEY, receiver.state());
    assertTrue(receiver.stateReason().contains("missing key at index 2"), receiver.stateReason());
    assertTrue(receiver.stateReason().contains("bob"), receiver.stateReason());
  }

  @Test
  void statesAreReportedOnlyOnChangeWithParticipantTrackAndDirection() {
    Rig rx = perParticipant(0, -1);
    rx.provider.setKey(BOB, 0, KeyMaterial.fromBytes("wrong".getBytes(StandardCharsets.UTF_8)));
    Rig tx = perParticipant(0, -1);
    tx.provider.setKey(BOB, 0, MATERIAL);
    FrameCryptor sender = tx.sender(BOB, b -> b);
    FrameCryptor receiver = rx.receiver(BOB, b -> b);
    for (int i = 0; i < 50; i++) {
      receiver.process(Rig.audio(Rig.bytes(sender.process(Rig.audio(Rig.random(i, 30))))));
    }
    rx.provider.setKey(BOB, 0, MATERIAL);
    for (int i = 0; i < 50; i++) {
      receiver.process(Rig.audio(Rig.bytes(sender.process(Rig.audio(Rig.random(i, 30))))));
    }
    List<E2eeStateEvent> events = rx.events;
    assertEquals(2, events.size(), events.toString());
    E2eeStateEvent failed = events.get(0);
    assertEquals(E2eeState.DECRYPTION_FAILED, failed.state());
    assertEquals(BOB, failed.participant());
    assertEquals("track-bob", failed.trackId());
    assertEquals(Direction.DECRYPT, failed.direction());
    assertTrue(failed.reason().contains("authentication failed at index 0"), failed.reason());
    assertEquals(E2eeState.OK, events.get(1).state());
    assertEquals(List.of(E2eeState.OK), tx.states(Direction.ENCRYPT), "the sender reported OK once");
  }
}
