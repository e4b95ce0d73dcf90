package io.e2ee4j.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.e2ee4j.api.CryptoKey;
import io.e2ee4j.api.E2eeState;
import io.e2ee4j.api.E2eeStateEvent;
import io.e2ee4j.api.E2eeStateEvent.Direction;
import io.e2ee4j.api.KeyMaterial;
import io.e2ee4j.api.KeyProvider;
import io.e2ee4j.api.KeyProviderOptions;
import io.e2ee4j.api.ParticipantId;
import io.e2ee4j.api.data.DataPacketCryptor;
import io.e2ee4j.api.data.DataPacketCryptorFactory;
import io.e2ee4j.api.media.EncodedFrame;
import io.e2ee4j.api.media.FrameCryptorFactory;
import io.e2ee4j.api.media.FrameDropReason;
import io.e2ee4j.api.media.FrameResult;
import io.e2ee4j.api.media.PassThroughReason;
import io.e2ee4j.api.media.UnencryptedFramePolicy;
import io.e2ee4j.api.spi.EncryptionType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class E2eeManagerTest {

  private static final ParticipantId ALICE = ParticipantId.of("alice");
  private static final ParticipantId BOB = ParticipantId.of("bob");
  private static final byte[] SECRET = "sixteen byte key material, raw..".getBytes(StandardCharsets.UTF_8);

  private static E2eeManager.Builder builder() {
    return E2eeManager.builder().frameCryptorFactories(List.of(new SimpleFrameFormat()));
  }

  /** A manager with ALICE's and BOB's keys set from the same raw material (HKDF: fast). */
  private static E2eeManager managerWithKeys(E2eeManagerOptions options) {
    E2eeManager m = builder().options(options).build();
    m.keyProvider().setKey(ALICE, 0, KeyMaterial.fromBytes(SECRET));
    m.keyProvider().setKey(BOB, 0, KeyMaterial.fromBytes(SECRET));
    return m;
  }

  private static EncodedFrame audio(byte[] bytes, ParticipantId from) {
    return EncodedFrame.audio(ByteBuffer.wrap(bytes), "audio/opus", 7, 960, from);
  }

  private static byte[] bytes(FrameResult r) {
    ByteBuffer b = r.output();
    byte[] a = new byte[b.remaining()];
    b.get(a);
    return a;
  }

  @Test
  void build_defaults_gcmForFramesAndDataAndAnOwnedDefaultKeyProvider() {
    try (E2eeManager m = builder().build()) {
      assertEquals("gcm", m.frameEncryptionTypeId());
      assertEquals("gcm", m.dataEncryptionTypeId());
      assertEquals("simple", m.frameFormatId().orElseThrow());
      assertInstanceOf(DefaultKeyProvider.class, m.keyProvider());
      assertTrue(m.ownsKeyProvider());
      assertEquals(KeyProviderOptions.defaults(), m.keyProvider().options());
      assertEquals(UnencryptedFramePolicy.REFUSE_AND_REPORT, m.options().unencryptedFramePolicy());
      assertTrue(m.isEnabled());
    }
  }

  @Test
  void createCryptor_noFrameFormatInstalled_explainsWhichModuleToAdd() {
    // core's own test path has no FrameCryptorFactory provider.
    try (E2eeManager m = E2eeManager.builder().build()) {
      assertTrue(m.frameFormatId().isEmpty());
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> m.createLocalCryptor(ALICE, "mic", "audio/opus"));
      assertTrue(e.getMessage().contains("e2ee4j-transport-webrtc"), e.getMessage());
    }
  }

  @Test
  void build_unknownEncryptionType_listsInstalledOnes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> builder().options(E2eeManagerOptions.builder().dataEncryptionType("chacha").build()).build());
    assertTrue(e.getMessage().contains("chacha") && e.getMessage().contains("gcm"), e.getMessage());
  }

  @Test
  void build_unknownFrameFormat_listsInstalledOnes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> builder().options(E2eeManagerOptions.builder().frameFormat("sframe").build()).build());
    assertTrue(e.getMessage().contains("sframe") && e.getMessage().contains("simple"), e.getMessage());
  }

  @Test
  void build_keyProviderAndKeyProviderOptions_isRefused() {
    assertThrows(IllegalStateException.class, () -> builder()
        .keyProvider(new DefaultKeyProvider(KeyProviderOptions.defaults()))
        .keyProviderOptions(KeyProviderOptions.defaults()).build());
  }

  @Test
  void cryptors_localAndRemote_roundTripAFrameBetweenTwoManagers() {
    try (E2eeManager alice = managerWithKeys(E2eeManagerOptions.defaults());
        E2eeManager bob = managerWithKeys(E2eeManagerOptions.defaults())) {
      ManagedFrameCryptor send = alice.createLocalCryptor(ALICE, "mic", "audio/opus");
      ManagedFrameCryptor receive = bob.createRemoteCryptor(ALICE, "mic", "audio/opus");
      byte[] plain = "an opus frame".getBytes(StandardCharsets.UTF_8);

      FrameResult sealed = send.process(audio(plain, ALICE));
      assertEquals(FrameResult.Status.ENCRYPTED, sealed.status());
      FrameResult opened = receive.process(EncodedFrame.audio(sealed.output(), "audio/opus", 7, 960, ALICE));

      assertEquals(FrameResult.Status.DECRYPTED, opened.status());
      assertArrayEquals(plain, bytes(opened));
      assertEquals(E2eeState.OK, receive.state());
      assertEquals(1, send.counters().encrypted());
      assertEquals(1, receive.counters().decrypted());
      assertEquals(Direction.ENCRYPT, send.config().direction());
      assertSame(alice.frameEncryptionType(), send.config().encryptionType());
      assertEquals(List.of(send), alice.cryptors());
    }
  }

  @Test
  void createCryptor_sameParticipantTrackAndDirectionTwice_isRefusedUntilTheFirstCloses() {
    try (E2eeManager m = builder().build()) {
      ManagedFrameCryptor first = m.createRemoteCryptor(BOB, "cam", "video/VP8");
      assertThrows(IllegalStateException.class, () -> m.createRemoteCryptor(BOB, "cam", "video/VP8"));
      m.createLocalCryptor(BOB, "cam", "video/VP8"); // other direction: allowed
      first.close();
      assertEquals(1, m.cryptors().size());
      assertNotNull(m.createRemoteCryptor(BOB, "cam", "video/VP8"));
    }
  }

  @Test
  void setEnabled_off_senderPassesPlaintextAndReceiverRefusesItReportingOnce() {
    try (E2eeManager m = managerWithKeys(E2eeManagerOptions.defaults())) {
      List<E2eeStateEvent> events = new CopyOnWriteArrayList<>();
      m.addStateListener(events::add);
      ManagedFrameCryptor send = m.createLocalCryptor(ALICE, "mic", "audio/opus");
      ManagedFrameCryptor receive = m.createRemoteCryptor(BOB, "mic", "audio/opus");

      m.setEnabled(false);

      assertFalse(send.isEnabled());
      assertFalse(receive.isEnabled());
      byte[] plain = {0x78, 1, 2, 3};
      FrameResult sent = send.process(audio(plain, ALICE));
      assertEquals(PassThroughReason.DISABLED, sent.passThroughReasonOrNull());
      assertArrayEquals(plain, bytes(sent));
      for (int i = 0; i < 5; i++) {
        FrameResult got = receive.process(audio(plain, BOB));
        assertEquals(FrameDropReason.PLAINTEXT_NOT_ALLOWED, got.dropReasonOrNull());
      }
      assertEquals(5, receive.counters().dropped(FrameDropReason.PLAINTEXT_NOT_ALLOWED));
      assertEquals(List.of(E2eeState.INTERNAL_ERROR), events.stream().map(E2eeStateEvent::state).toList());
      assertEquals(BOB, events.get(0).participant());

      m.setEnabled(true);
      assertTrue(send.isEnabled());
      assertTrue(receive.isEnabled());
      assertEquals(FrameResult.Status.ENCRYPTED, send.process(audio(plain, ALICE)).status());
    }
  }

  @Test
  void setEnabled_perParticipant_switchesOnlyThatParticipantAndSurvivesTheManagerSwitch() {
    try (E2eeManager m = builder().build()) {
      ManagedFrameCryptor aliceMic = m.createLocalCryptor(ALICE, "mic", "audio/opus");
      ManagedFrameCryptor bobMic = m.createRemoteCryptor(BOB, "mic", "audio/opus");

      m.setEnabled(BOB, false);
      assertTrue(aliceMic.isEnabled());
      assertFalse(bobMic.isEnabled());
      assertFalse(m.isEnabled(BOB));

      ManagedFrameCryptor bobCam = m.createRemoteCryptor(BOB, "cam", "video/VP8");
      assertFalse(bobCam.isEnabled(), "a cryptor made later gets the participant's switch");

      m.setEnabled(false);
      assertFalse(aliceMic.isEnabled());
      m.setEnabled(true);
      assertTrue(aliceMic.isEnabled());
      assertFalse(bobMic.isEnabled(), "the participant's switch still holds");

      m.setEnabled(BOB, true);
      assertTrue(bobMic.isEnabled());
      assertTrue(bobCam.isEnabled());
    }
  }

  @Test
  void acceptPolicy_disabledReceiverForwardsPlaintextAndCountsIt() {
    E2eeManagerOptions accept = E2eeManagerOptions.builder().unencryptedFramePolicy(UnencryptedFramePolicy.ACCEPT).build();
    try (E2eeManager m = managerWithKeys(accept)) {
      ManagedFrameCryptor receive = m.createRemoteCryptor(BOB, "mic", "audio/opus");
      m.setEnabled(BOB, false);
      byte[] plain = {0x78, 9, 9};
      FrameResult r = receive.process(audio(plain, BOB));
      assertEquals(PassThroughReason.UNENCRYPTED_ACCEPTED, r.passThroughReasonOrNull());
      assertArrayEquals(plain, bytes(r));
      assertEquals(1, receive.counters().passedThrough());
    }
  }

  @Test
  void aFlappingTrack_afterABurst_isReportedOncePerSecond_withTheCountOfChangesItStandsFor() {
    AtomicLong now = new AtomicLong();
    try (E2eeManager receiver = builder().nanoClock(now::get).build()) {
      receiver.keyProvider().setKey(BOB, 0, KeyMaterial.fromBytes(SECRET));
      List<E2eeStateEvent> heard = new CopyOnWriteArrayList<>();
      receiver.addStateListener(heard::add);
      ManagedFrameCryptor fromBob = receiver.createRemoteCryptor(BOB, "mic", "audio/opus");
      byte[] good;
      try (E2eeManager sender = builder().build()) {
        sender.keyProvider().setKey(BOB, 0, KeyMaterial.fromBytes(SECRET));
        good = bytes(sender.createLocalCryptor(BOB, "mic", "audio/opus").process(audio(new byte[20], BOB)));
      }
      byte[] emptySlot = good.clone();
      emptySlot[emptySlot.length - 1] = 5; // names slot 5, which holds no key
      for (int i = 0; i < 1000; i++) {
        fromBob.process(audio(good, BOB));
        fromBob.process(audio(emptySlot, BOB));
      }
      assertEquals(List.of(E2eeState.OK, E2eeState.MISSING_KEY, E2eeState.OK, E2eeState.MISSING_KEY),
          heard.stream().map(E2eeStateEvent::state).toList(),
          "2,000 alternating frames within one second: the first " + StateCoalescer.BURST + " changes only");
      assertEquals(E2eeState.MISSING_KEY, fromBob.state(), "the cryptor's own state is always current");
      now.addAndGet(StateCoalescer.INTERVAL_NANOS);
      fromBob.process(audio(emptySlot, BOB)); // no change, but the held one is due
      assertEquals(5, heard.size());
      assertEquals(E2eeState.MISSING_KEY, heard.get(4).state());
      assertEquals(1995, heard.get(4).coalescedChanges(), "1,996 held changes: the last one plus 1,995 more");
      for (int i = 0; i < 10; i++) {
        fromBob.process(audio(emptySlot, BOB));
      }
      assertEquals(5, heard.size(), "no change, nothing more");
    }
  }

  @Test
  void stateListeners_allAndPerParticipant_eachHearOnlyTheirChangesOnce() {
    AtomicLong now = new AtomicLong();
    try (E2eeManager receiver = builder().nanoClock(now::get).build()) {
      List<E2eeStateEvent> all = new CopyOnWriteArrayList<>();
      List<E2eeStateEvent> bobOnly = new CopyOnWriteArrayList<>();
      receiver.addStateListener(e -> {
        throw new IllegalStateException("a broken listener must not stop the others");
      });
      receiver.addStateListener(all::add);
      receiver.addStateListener(BOB, bobOnly::add);
      ManagedFrameCryptor fromAlice = receiver.createRemoteCryptor(ALICE, "mic", "audio/opus");
      ManagedFrameCryptor fromBob = receiver.createRemoteCryptor(BOB, "mic", "audio/opus");
      byte[] junk = new byte[40];

      for (int i = 0; i < 10; i++) {
        fromAlice.process(audio(junk, ALICE)); // no key held for anyone: missing key at index 0
        fromBob.process(audio(junk, BOB));
      }
      receiver.keyProvider().setKey(BOB, 0, KeyMaterial.fromBytes(SECRET));
      now.addAndGet(StateCoalescer.INTERVAL_NANOS); // past the coalescing interval of bob's track
      fromBob.process(audio(junk, BOB)); // now a key, wrong bytes: authentication fails

      assertEquals(List.of(E2eeState.MISSING_KEY, E2eeState.MISSING_KEY, E2eeState.DECRYPTION_FAILED),
          all.stream().map(E2eeStateEvent::state).toList());
      assertEquals(List.of(E2eeState.MISSING_KEY, E2eeState.DECRYPTION_FAILED),
          bobOnly.stream().map(E2eeStateEvent::state).toList());
      assertTrue(bobOnly.stream().allMatch(e -> e.participant().equals(BOB) && e.trackId().equals("mic")
          && e.direction() == Direction.DECRYPT));
      assertEquals("missing key at index 0", bobOnly.get(0).reason());
      assertEquals(List.of(
              new E2eeStateEvent(ALICE, "mic", Direction.DECRYPT, E2eeState.MISSING_KEY, "missing key at index 0"),
              new E2eeStateEvent(BOB, "mic", Direction.DECRYPT, E2eeState.DECRYPTION_FAILED,
                  "authentication failed at index 0")),
          receiver.states());
      assertEquals(10, fromAlice.counters().dropped(FrameDropReason.MISSING_KEY));
    }
  }

  @Test
  void close_closesCryptorsAndWipesTheKeysOfAnOwnedProvider() {
    E2eeManager m = managerWithKeys(E2eeManagerOptions.defaults());
    CryptoKey key = m.keyProvider().keyHandler(ALICE).keyOrNull(0);
    ManagedFrameCryptor send = m.createLocalCryptor(ALICE, "mic", "audio/opus");

    m.close();
    m.close(); // idempotent

    assertTrue(send.isClosed());
    assertEquals(FrameDropReason.CLOSED, send.process(audio(new byte[8], ALICE)).dropReasonOrNull());
    assertTrue(key.isDestroyed());
    assertNull(m.keyProvider().keyHandler(ALICE).keyOrNull(0));
    assertTrue(m.cryptors().isEmpty());
    assertThrows(IllegalStateException.class, () -> m.createLocalCryptor(ALICE, "mic", null));
    assertThrows(IllegalStateException.class, () -> m.setEnabled(true));
  }

  @Test
  void close_leavesAProviderItDoesNotOwnUntouched() {
    DefaultKeyProvider mine = new DefaultKeyProvider(KeyProviderOptions.defaults());
    mine.setKey(ALICE, 0, KeyMaterial.fromBytes(SECRET));
    E2eeManager m = builder().keyProvider(mine).build();
    assertFalse(m.ownsKeyProvider());
    m.close();
    CryptoKey key = mine.keyHandler(ALICE).keyOrNull(0);
    assertNotNull(key);
    assertFalse(key.isDestroyed());
  }

  @Test
  void addEncryptionType_replacesGcmForFrames() {
    CountingGcm counting = new CountingGcm();
    try (E2eeManager m = builder().addEncryptionType(counting).build()) {
      m.keyProvider().setKey(ALICE, 0, KeyMaterial.fromBytes(SECRET));
      assertSame(counting, m.frameEncryptionType());
      m.createLocalCryptor(ALICE, "mic", "audio/opus").process(audio(new byte[10], ALICE));
      assertEquals(1, counting.aeadsMade());
    }
  }

  @Test
  void createDataPacketCryptor_handsTheFactoryTheKeyProviderTheDataTypeAndTheLocalParticipant() {
    List<Object[]> calls = new CopyOnWriteArrayList<>();
    DataPacketCryptorFactory recording = new DataPacketCryptorFactory() {
      @Override
      public String id() {
        return "recording";
      }

      @Override
      public DataPacketCryptor create(KeyProvider keys, EncryptionType type, ParticipantId local,
          UnencryptedFramePolicy clearPacketPolicy) {
        calls.add(new Object[] {keys, type, local, clearPacketPolicy});
        return null; // the manager passes the factory's cryptor on as it is
      }
    };
    CountingGcm gcm = new CountingGcm();
    try (E2eeManager m = builder().addEncryptionType(gcm).dataPacketCryptorFactories(List.of(recording)).build()) {
      assertEquals("recording", m.dataFormatId().orElseThrow());
      m.createDataPacketCryptor(ALICE);
      assertEquals(1, calls.size());
      assertSame(m.keyProvider(), calls.get(0)[0]);
      assertSame(gcm, calls.get(0)[1]);
      assertEquals(ALICE, calls.get(0)[2]);
      assertEquals(UnencryptedFramePolicy.REFUSE_AND_REPORT, calls.get(0)[3]);
    }
    try (E2eeManager none = builder().dataPacketCryptorFactories(List.of()).build()) {
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> none.createDataPacketCryptor(ALICE));
      assertTrue(e.getMessage().contains("e2ee4j-transport-datachannel"), e.getMessage());
    }
  }

  @Test
  void build_severalFormatsWithoutLiveKitOrAChoice_asksForAChoice() {
    FrameCryptorFactory other = new FrameCryptorFactory() {
      @Override
      public String id() {
        return "other";
      }

      @Override
      public io.e2ee4j.api.media.FrameCryptor create(io.e2ee4j.api.media.FrameCryptorConfig config) {
        throw new UnsupportedOperationException();
      }
    };
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> E2eeManager.builder().frameCryptorFactories(List.of(new SimpleFrameFormat(), other)).build());
    assertTrue(e.getMessage().contains("frameFormat"), e.getMessage());
    try (E2eeManager m = E2eeManager.builder().frameCryptorFactories(List.of(new SimpleFrameFormat(), other))
        .options(E2eeManagerOptions.builder().frameFormat("other").build()).build()) {
      assertEquals("other", m.frameFormatId().orElseThrow());
    }
  }

  @Test
  void concurrentCreationAndSwitching_everyCryptorEndsWithTheSwitchesLastValue() throws Exception {
    try (E2eeManager m = builder().build()) {
      int threads = 4;
      java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
      java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
      List<java.util.concurrent.Future<?>> work = new java.util.ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int id = t;
        work.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < 200; i++) {
            if (id % 2 == 0) {
              m.createRemoteCryptor(ParticipantId.of("p" + id), "track" + i, "audio/opus");
            } else {
              m.setEnabled(i % 2 == 0);
              m.setEnabled(BOB, i % 3 == 0);
            }
          }
          return null;
        }));
      }
      start.countDown();
      for (java.util.concurrent.Future<?> f : work) {
        f.get();
      }
      pool.shutdown();
      assertEquals(400, m.cryptors().size(), "no cryptor lost");
      // A cryptor made while the switch flipped got the new value or was reached by the flip.
      assertTrue(m.cryptors().stream().allMatch(c -> c.isEnabled() == m.isEnabled(c.participant())));
      assertTrue(m.cryptors().stream().allMatch(c -> c.isEnabled() == m.isEnabled()), "switch ended at " + m.isEnabled());
    }
  }

  @Test
  void toString_showsIdsAndCountsButNoKeys() {
    try (E2eeManager m = managerWithKeys(E2eeManagerOptions.defaults())) {
      ManagedFrameCryptor c = m.createLocalCryptor(ALICE, "mic", "audio/opus");
      c.process(audio(new byte[10], ALICE));
      assertEquals("E2eeManager[frames=gcm, data=gcm, frameFormat=simple, dataFormat=none, enabled=true,"
          + " policy=REFUSE_AND_REPORT, cryptors=1]", m.toString());
      assertEquals("ManagedFrameCryptor[alice, mic, ENCRYPT, OK, encrypted=1, decrypted=0, passedThrough=0,"
          + " dropped=0]", c.toString());
    }
  }
}
