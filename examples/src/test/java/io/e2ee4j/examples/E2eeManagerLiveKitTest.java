package io.e2ee4j.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.e2ee4j.api.E2eeState;
import io.e2ee4j.api.E2eeStateEvent;
import io.e2ee4j.api.KeyMaterial;
import io.e2ee4j.api.KeyProviderOptions;
import io.e2ee4j.api.ParticipantId;
import io.e2ee4j.api.data.DataPacketResult;
import io.e2ee4j.api.media.EncodedFrame;
import io.e2ee4j.api.media.FrameDropReason;
import io.e2ee4j.api.media.FrameResult;
import io.e2ee4j.api.media.PassThroughReason;
import io.e2ee4j.api.media.UnencryptedFramePolicy;
import io.e2ee4j.core.E2eeManager;
import io.e2ee4j.core.E2eeManagerOptions;
import io.e2ee4j.core.ManagedFrameCryptor;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The manager with the real plugins, found through ServiceLoader: LiveKit's frame format from
 * transport-webrtc and AES-GCM from cipher-gcm (core's own tests cannot have transport-webrtc,
 * which depends on core).
 */
class E2eeManagerLiveKitTest {

  private static final ParticipantId ALICE = ParticipantId.of("alice");
  private static final ParticipantId BOB = ParticipantId.of("bob");
  private static final KeyProviderOptions SHARED = KeyProviderOptions.builder().sharedKey(true).build();

  private static E2eeManager manager(E2eeManagerOptions options) {
    E2eeManager m = E2eeManager.builder().keyProviderOptions(SHARED).options(options).build();
    m.keyProvider().setSharedKey(0, KeyMaterial.fromBytes(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}));
    return m;
  }

  private static EncodedFrame vp8Key(byte[] payload, ParticipantId from) {
    return EncodedFrame.video(ByteBuffer.wrap(payload), "video/VP8", true, 11, 3000, from);
  }

  private static byte[] bytes(FrameResult r) {
    byte[] b = new byte[r.length()];
    r.output().get(b);
    return b;
  }

  @Test
  void builder_findsTheLiveKitFormatsAndGcmThroughServiceLoader() {
    try (E2eeManager m = E2eeManager.builder().build()) {
      assertEquals("livekit", m.frameFormatId().orElseThrow());
      assertEquals("livekit", m.dataFormatId().orElseThrow());
      assertEquals("gcm", m.frameEncryptionTypeId());
      assertEquals("gcm", m.dataEncryptionTypeId());
    }
  }

  @Test
  void cryptors_encryptAVp8KeyFrameInLiveKitLayout_andTheOtherSideDecryptsIt() {
    try (E2eeManager alice = manager(E2eeManagerOptions.defaults()); E2eeManager bob = manager(E2eeManagerOptions.defaults())) {
      byte[] frame = new RoomMedia(3).vp8(true, "alice/camera/0");
      FrameResult sealed = alice.createLocalCryptor(ALICE, "camera", "video/VP8").process(vp8Key(frame, ALICE));
      byte[] wire = bytes(sealed);

      assertArrayEquals(Arrays.copyOf(frame, 10), Arrays.copyOf(wire, 10), "VP8 key frame: 10 clear bytes");
      assertEquals(frame.length + 16 + 12 + 2, wire.length, "tag, IV, IV length and key index added");
      assertEquals(12, wire[wire.length - 2]);
      assertEquals(0, wire[wire.length - 1]);
      assertNotEquals(Arrays.toString(Arrays.copyOfRange(frame, 10, 40)), Arrays.toString(Arrays.copyOfRange(wire, 10, 40)));

      ManagedFrameCryptor receiver = bob.createRemoteCryptor(ALICE, "camera", "video/VP8");
      FrameResult opened = receiver.process(vp8Key(wire, ALICE));
      assertEquals(FrameResult.Status.DECRYPTED, opened.status());
      assertArrayEquals(frame, bytes(opened));
      assertEquals(E2eeState.OK, receiver.state());
    }
  }

  @Test
  void dataPacketCryptors_sealAUserPacketWithTheSharedKey_andTheOtherSideOpensIt() {
    try (E2eeManager alice = manager(E2eeManagerOptions.defaults()); E2eeManager bob = manager(E2eeManagerOptions.defaults())) {
      byte[] payload = "e2ee4j-plaintext: hello over the data channel".getBytes(java.nio.charset.StandardCharsets.UTF_8);
      // DataPacket { user (2) = UserPacket { payload (2) = ... } }, protobuf wire format.
      byte[] user = concat(new byte[] {0x12, (byte) payload.length}, payload);
      byte[] packet = concat(new byte[] {0x12, (byte) user.length}, user);

      DataPacketResult sealed = alice.createDataPacketCryptor(ALICE).encrypt(packet);
      assertEquals(DataPacketResult.Status.ENCRYPTED, sealed.status());
      assertEquals(-1, RoomSfu.indexOf(sealed.packetBytes(), payload), "payload not on the wire in the clear");

      DataPacketResult opened = bob.createDataPacketCryptor(BOB).decrypt(sealed.packet(), ALICE);
      assertEquals(DataPacketResult.Status.DECRYPTED, opened.status(), opened.describe());
      assertNotEquals(-1, RoomSfu.indexOf(opened.packetBytes(), payload));
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] c = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  @Test
  void switchedOff_senderForwardsPlaintext_receiverRefusesItAndReportsOnce_untilSwitchedOn() {
    try (E2eeManager alice = manager(E2eeManagerOptions.defaults()); E2eeManager bob = manager(E2eeManagerOptions.defaults())) {
      List<E2eeStateEvent> events = new CopyOnWriteArrayList<>();
      bob.addStateListener(ALICE, events::add);
      ManagedFrameCryptor send = alice.createLocalCryptor(ALICE, "camera", "video/VP8");
      ManagedFrameCryptor receive = bob.createRemoteCryptor(ALICE, "camera", "video/VP8");
      byte[] frame = new RoomMedia(4).vp8(true, "alice/camera/1");

      alice.setEnabled(false);
      bob.setEnabled(ALICE, false); // the room says alice's track is not encrypted
      FrameResult sent = send.process(vp8Key(frame, ALICE));
      assertEquals(PassThroughReason.DISABLED, sent.passThroughReasonOrNull());
      assertArrayEquals(frame, bytes(sent));
      for (int i = 0; i < 3; i++) {
        assertEquals(FrameDropReason.PLAINTEXT_NOT_ALLOWED, receive.process(vp8Key(bytes(sent), ALICE)).dropReasonOrNull());
      }
      assertEquals(List.of(E2eeState.INTERNAL_ERROR), events.stream().map(E2eeStateEvent::state).toList());
      assertEquals(3, receive.counters().dropped(FrameDropReason.PLAINTEXT_NOT_ALLOWED));

      alice.setEnabled(true);
      bob.setEnabled(ALICE, true);
      FrameResult again = receive.process(vp8Key(bytes(send.process(vp8Key(frame, ALICE))), ALICE));
      assertArrayEquals(frame, bytes(again));
      assertEquals(List.of(E2eeState.INTERNAL_ERROR, E2eeState.OK), events.stream().map(E2eeStateEvent::state).toList());
    }
  }

  @Test
  void acceptPolicy_receiverOfAnUnencryptedParticipantForwardsItsPlaintext() {
    E2eeManagerOptions accept = E2eeManagerOptions.builder().unencryptedFramePolicy(UnencryptedFramePolicy.ACCEPT).build();
    try (E2eeManager bob = manager(accept)) {
      bob.setEnabled(ALICE, false);
      ManagedFrameCryptor fromAlice = bob.createRemoteCryptor(ALICE, "camera", "video/VP8");
      ManagedFrameCryptor fromCarol = bob.createRemoteCryptor(ParticipantId.of("carol"), "camera", "video/VP8");
      assertFalse(fromAlice.isEnabled());
      byte[] frame = new RoomMedia(5).vp8(true, "alice/camera/2");
      FrameResult r = fromAlice.process(vp8Key(frame, ALICE));
      assertEquals(PassThroughReason.UNENCRYPTED_ACCEPTED, r.passThroughReasonOrNull());
      assertArrayEquals(frame, bytes(r));
      // carol is still switched on: her plaintext is not a valid encrypted frame and is dropped.
      assertEquals(FrameResult.Status.DROPPED, fromCarol.process(vp8Key(frame, ParticipantId.of("carol"))).status());
      assertEquals(List.of(fromAlice, fromCarol), bob.cryptors());
      assertEquals(List.of(fromAlice), bob.cryptors(ALICE));
    }
  }
}
