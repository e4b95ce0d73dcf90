package io.e2ee4j.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.e2ee4j.api.CryptoKey;
import io.e2ee4j.api.KeyDerivation;
import io.e2ee4j.api.KeyEvent;
import io.e2ee4j.api.KeyHandler;
import io.e2ee4j.api.KeyMaterial;
import io.e2ee4j.api.KeyProviderListener;
import io.e2ee4j.api.KeyProviderOptions;
import io.e2ee4j.api.ParticipantId;
import io.e2ee4j.api.spi.EncryptionType;
import io.e2ee4j.testing.Hex;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Key-ring semantics of LiveKit (spec section 4) in the in-memory provider. HKDF keeps these fast. */
class DefaultKeyProviderTest {

  private static final ParticipantId ALICE = ParticipantId.of("alice");
  private static final ParticipantId BOB = ParticipantId.of("bob");
  private static final byte[] SALT = KeyProviderOptions.DEFAULT_RATCHET_SALT.getBytes(StandardCharsets.UTF_8);

  private static KeyMaterial raw(String s) {
    return KeyMaterial.fromBytes(s.getBytes(StandardCharsets.UTF_8));
  }

  private static KeyProviderOptions.Builder hkdf() {
    return KeyProviderOptions.builder().keyDerivation(KeyDerivation.HKDF);
  }

  private static EncryptionType gcm() {
    return EncryptionTypeCatalog.loadInstalled().get("gcm");
  }

  /** The AES key bytes a CryptoKey holds, found by what it opens. */
  private static boolean holds(CryptoKey key, byte[] expected) throws Exception {
    byte[] iv = new byte[12];
    ByteBuffer sealed = ByteBuffer.allocate(17);
    gcm().newAead(expected).seal(ByteBuffer.wrap(iv), ByteBuffer.allocate(0), ByteBuffer.wrap(new byte[] {9}), sealed);
    sealed.flip();
    try {
      key.aead(gcm()).open(ByteBuffer.wrap(iv), ByteBuffer.allocate(0), sealed, ByteBuffer.allocate(1));
      return true;
    } catch (java.security.GeneralSecurityException e) {
      return false;
    }
  }

  @Test
  void keyIndex17_landsInSlot1_ofSixteen_andBecomesCurrent() {
    try (DefaultKeyProvider provider = new DefaultKeyProvider(hkdf().sharedKey(true).build())) {
      provider.setSharedKey(17, raw("k"));
      KeyHandler alice = provider.keyHandler(ALICE);
      assertNotNull(alice.keyOrNull(1));
      assertNull(alice.keyOrNull(17));
      assertEquals(1, alice.currentKeyIndex());
      assertEquals(1, alice.keyOrNull(1).keyIndex());
      assertEquals(1, provider.sharedCurrentKeyIndex());
      assertArrayEquals("k".getBytes(StandardCharsets.UTF_8), provider.exportSharedKey(1));
      assertArrayEquals(provider.exportSharedKey(17), provider.exportSharedKey(1));
    }
  }

  @Test
  void slotsPastTheRingSize_holdNoKey() {
    try (DefaultKeyProvider provider = new DefaultKeyProvider(hkdf().keyRingSize(4).build())) {
      provider.setKey(ALICE, 6, raw("k"));
      KeyHandler handler = provider.keyHandler(ALICE);
      assertNotNull(handler.keyOrNull(2));
      assertNull(handler.keyOrNull(6));
      assertNull(handler.keyOrNull(255));
      assertNull(handler.keyOrNull(-1));
    }
  }

  @Test
  void derivedKey_isLiveKits_forEachKdfAndSize() throws Exception {
    for (KeyDerivation kdf : KeyDerivation.values()) {
      for (int bits : new int[] {128, 256}) {
        KeyProviderOptions options = KeyProviderOptions.builder().keyDerivation(kdf).keySizeBits(bits).build();
        try (DefaultKeyProvider provider = new DefaultKeyProvider(options)) {
          provider.setKey(ALICE, 3, raw("material"));
          byte[] expected = KeyDerivations.deriveKey("material".getBytes(StandardCharsets.UTF_8), kdf, SALT, bits / 8);
          CryptoKey key = provider.keyHandler(ALICE).keyOrNull(3);
          assertEquals(bits / 8, key.lengthBytes());
          assertTrue(holds(key, expected), kdf + "/" + bits);
        }
      }
    }
  }

  @Test
  void materialKind_picksTheKdf_whenOptionsDoNot() throws Exception {
    try (DefaultKeyProvider provider = new DefaultKeyProvider(KeyProviderOptions.defaults())) {
      provider.setKey(ALICE, 0, KeyMaterial.fromBytes(new byte[] {1, 2, 3}));
      byte[] hkdfKey = KeyDerivations.deriveKey(new byte[] {1, 2, 3}, KeyDerivation.HKDF, SALT, 16);
      assertTrue(holds(provider.keyHandler(ALICE).keyOrNull(0), hkdfKey));
    }
  }

  @Test
  void ratchetKey_returnsNextMaterial_makesSlotCurrent_andChangesTheKey() throws Exception {
    try (DefaultKeyProvider provider = new DefaultKeyProvider(hkdf().build())) {
      provider.setKey(ALICE, 2, raw("m0"));
      provider.setKey(ALICE, 5, raw("other"));
      assertEquals(5, provider.currentKeyIndex(ALICE));
      CryptoKey before = provider.keyHandler(ALICE).keyOrNull(2);
      byte[] m1 = provider.ratchetKey(ALICE, 2);
      assertArrayEquals(KeyDerivations.ratchet("m0".getBytes(StandardCharsets.UTF_8), KeyDerivation.HKDF, SALT), m1);
      assertEquals(2, provider.currentKeyIndex(ALICE));
      CryptoKey after = provider.keyHandler(ALICE).keyOrNull(2);
      assertFalse(after.equalsKey(before));
      assertTrue(holds(after, KeyDerivations.deriveKey(m1, KeyDerivation.HKDF, SALT, 16)));
      assertArrayEquals(m1, provider.exportKey(ALICE, 2));
    }
  }

  @Test
  void modeMismatch_andMissingKeys_areClearErrors() {
    try (DefaultKeyProvider shared = new DefaultKeyProvider(hkdf().sharedKey(true).build());
        DefaultKeyProvider perParticipant = new DefaultKeyProvider(hkdf().build())) {
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> shared.setKey(ALICE, 0, raw("k")));
      assertTrue(e.getMessage().contains("shared"), e.getMessage());
      assertThrows(IllegalStateException.class, () -> perParticipant.setSharedKey(0, raw("k")));
      assertThrows(IllegalStateException.class, () -> perParticipant.ratchetKey(ALICE, 0));
      assertThrows(IllegalStateException.class, () -> perParticipant.exportKey(ALICE, 3));
      assertThrows(IllegalStateException.class, () -> shared.ratchetSharedKey(0));
      assertThrows(IllegalArgumentException.class, () -> perParticipant.setKey(ALICE, 256, raw("k")));
      assertThrows(IllegalArgumentException.class, () -> perParticipant.setKey(ALICE, -1, raw("k")));
    }
  }

  @Test
  void sharedKey_reachesExistingAndLaterClones_butAutoRatchetStaysInOneClone() throws Exception {
    // Derivations on this thread: a background one would hold bob's slot, deferring its wipe.
    try (DefaultKeyProvider provider = derivingAtOnce(hkdf().sharedKey(true).build())) {
      KeyHandler aliceEarly = provider.keyHandler(ALICE);
      provider.setSharedKey(0, raw("shared"));
      KeyHandler bob = provider.keyHandler(BOB);
      CryptoKey aliceKey = aliceEarly.keyOrNull(0);
      assertTrue(aliceKey.equalsKey(bob.keyOrNull(0)));
      assertNotSame(aliceKey, bob.keyOrNull(0), "each clone has its own key object and IV counter");

      CryptoKey candidate = bob.ratchetCandidateOrNull(bob.keyOrNull(0), 1);
      assertTrue(bob.acceptRatchetCandidate(bob.keyOrNull(0), candidate));
      assertSame(candidate, bob.keyOrNull(0));
      assertTrue(aliceEarly.keyOrNull(0).equalsKey(aliceKey), "alice's clone is untouched");

      provider.ratchetSharedKey(0);
      assertTrue(provider.keyHandler(ALICE).keyOrNull(0).equalsKey(bob.keyOrNull(0)), "a shared ratchet realigns clones");
      byte[] once = KeyDerivations.ratchet("shared".getBytes(StandardCharsets.UTF_8), KeyDerivation.HKDF, SALT);
      assertTrue(holds(bob.keyOrNull(0), KeyDerivations.deriveKey(once, KeyDerivation.HKDF, SALT, 16)),
          "bob's auto-ratchet found what the shared ratchet made");
      assertTrue(candidate.isDestroyed(), "the key the shared ratchet replaced in bob's clone is wiped");
    }
  }

  @Test
  void failureTolerance_followsLiveKitJs_perSlot() {
    // Spec 4.4 / vector failure-tolerance-3: tolerance 3; frames 1-4 attempted and fail, 5-6 dropped, setKey resets.
    try (DefaultKeyProvider provider = new DefaultKeyProvider(hkdf().failureTolerance(3).build())) {
      provider.setKey(ALICE, 0, raw("wrong"));
      KeyHandler h = provider.keyHandler(ALICE);
      int attempts = 0;
      for (int frame = 1; frame <= 6; frame++) {
        if (h.isKeyValid(0)) {
          attempts++;
          h.recordDecryptionFailure(0);
        }
      }
      assertEquals(4, attempts);
      assertFalse(h.isKeyValid(0));
      assertTrue(h.isKeyValid(1), "counters are per slot");
      provider.setKey(ALICE, 0, raw("right"));
      assertTrue(h.isKeyValid(0));
    }
  }

  @Test
  void failureCounters_resetAsLiveKitJsDoes() {
    try (DefaultKeyProvider provider = new DefaultKeyProvider(hkdf().failureTolerance(1).build())) {
      provider.setKey(ALICE, 1, raw("one"));
      provider.setKey(ALICE, 0, raw("zero"));
      KeyHandler h = provider.keyHandler(ALICE);
      // missing key counts too
      h.recordMissingKey(3);
      h.recordMissingKey(3);
      assertFalse(h.isKeyValid(3));
      // success resets
      h.recordDecryptionFailure(1);
      h.recordDecryptionSuccess(1);
      h.recordDecryptionFailure(1);
      assertTrue(h.isKeyValid(1));
      // setCurrentKeyIndex resets that slot
      provider.setCurrentKeyIndex(ALICE, 3);
      assertTrue(h.isKeyValid(3));
      assertEquals(3, h.currentKeyIndex());
      // a ratchet request resets all slots
      h.recordDecryptionFailure(1);
      h.recordDecryptionFailure(1);
      h.recordMissingKey(7);
      h.recordMissingKey(7);
      assertFalse(h.isKeyValid(1));
      provider.ratchetKey(ALICE, 0);
      assertTrue(h.isKeyValid(1));
      assertTrue(h.isKeyValid(7));
    }
  }

  @Test
  void failures_areNotCounted_whileTheCurrentSlotIsInvalid() {
    try (DefaultKeyProvider provider = new DefaultKeyProvider(hkdf().failureTolerance(0).build())) {
      provider.setKey(ALICE, 0, raw("zero"));
      KeyHandler h = provider.keyHandler(ALICE);
      h.recordDecryptionFailure(0);
      assertFalse(h.isKeyValid(0));
      h.recordDecryptionFailure(5);
      assertTrue(h.isKeyValid(5), "LiveKit JS counts a final failure only while the current key is valid");
    }
  }

  @Test
  void negativeTolerance_neverInvalidates() {
    try (DefaultKeyProvider provider = new DefaultKeyProvider(hkdf().failureTolerance(-1).build())) {
      KeyHandler h = provider.keyHandler(ALICE);
      for (int i = 0; i < 1000; i++) {
        h.recordDecryptionFailure(0);
        h.recordMissingKey(0);
      }
      assertTrue(h.isKeyValid(0));
    }
  }

  @Test
  void autoRatchetCandidates_areSuccessiveRatchets_withinTheWindow() throws Exception {
    try (DefaultKeyProvider provider = derivingAtOnce(hkdf().ratchetWindowSize(8).build())) {
      provider.setKey(BOB, 4, raw("chain"));
      KeyHandler h = provider.keyHandler(BOB);
      CryptoKey base = h.keyOrNull(4);
      byte[] m = "chain".getBytes(StandardCharsets.UTF_8);
      for (int step = 1; step <= 8; step++) {
        m = KeyDerivations.ratchet(m, KeyDerivation.HKDF, SALT);
        CryptoKey candidate = h.ratchetCandidateOrNull(base, step);
        assertNotNull(candidate, "step " + step);
        assertEquals(4, candidate.keyIndex());
        assertTrue(holds(candidate, KeyDerivations.deriveKey(m, KeyDerivation.HKDF, SALT, 16)), "step " + step);
        assertSame(candidate, h.ratchetCandidateOrNull(base, step), "remembered, not derived again");
      }
      assertNull(h.ratchetCandidateOrNull(base, 9), "beyond the window");
      assertNull(h.ratchetCandidateOrNull(base, 0));
    }
  }

  @Test
  void acceptingStep3_storesThatMaterial_makesItCurrent_andFiresAutoRatcheted() {
    List<KeyEvent> events = new CopyOnWriteArrayList<>();
    try (DefaultKeyProvider provider = derivingAtOnce(hkdf().failureTolerance(2).build())) {
      provider.addListener(new KeyProviderListener() {
        @Override
        public void onKeyRatcheted(KeyEvent event) {
          events.add(event);
        }
      });
      provider.setKey(BOB, 2, raw("chain"));
      provider.setKey(BOB, 0, raw("other"));
      KeyHandler h = provider.keyHandler(BOB);
      CryptoKey base = h.keyOrNull(2);
      h.recordDecryptionFailure(2);
      h.recordDecryptionFailure(2);
      CryptoKey step3 = h.ratchetCandidateOrNull(base, 3);
      assertTrue(h.acceptRatchetCandidate(base, step3));
      assertSame(step3, h.keyOrNull(2));
      assertEquals(2, h.currentKeyIndex());
      byte[] m = "chain".getBytes(StandardCharsets.UTF_8);
      for (int i = 0; i < 3; i++) {
        m = KeyDerivations.ratchet(m, KeyDerivation.HKDF, SALT);
      }
      assertArrayEquals(m, provider.exportKey(BOB, 2));
      assertEquals(List.of(new KeyEvent(KeyEvent.Type.AUTO_RATCHETED, java.util.Optional.of(BOB), io.e2ee4j.api.KeyIndex.of(2))),
          events);
      // the remembered chain carries over: one further step is the 4th ratchet of the original
      assertNotNull(h.ratchetCandidateOrNull(step3, 1));
      // accepting against a stale base does nothing
      assertFalse(h.acceptRatchetCandidate(base, h.ratchetCandidateOrNull(step3, 1)));
    }
  }

  @Test
  void autoRatchetDerivations_areBudgetedPerSecond() {
    AtomicLong now = new AtomicLong();
    try (DefaultKeyProvider provider = new DefaultKeyProvider(hkdf().ratchetWindowSize(4).build(), now::get,
        Runnable::run)) {
      provider.setKey(BOB, 0, raw("a"));
      provider.setKey(BOB, 1, raw("b"));
      provider.setKey(BOB, 2, raw("c"));
      KeyHandler h = provider.keyHandler(BOB);
      // Budget: window + 1 = 5 derivations per second. c[0] and c[1] came with each key, so step 1
      // is free, and slot 0 step 4 needs 3 (c[2..4]), slot 1 step 3 two more.
      assertNotNull(h.ratchetCandidateOrNull(h.keyOrNull(0), 4));
      assertNotNull(h.ratchetCandidateOrNull(h.keyOrNull(1), 1));
      assertNotNull(h.ratchetCandidateOrNull(h.keyOrNull(1), 3));
      assertEquals(5, provider.autoRatchetDerivations());
      assertNull(h.ratchetCandidateOrNull(h.keyOrNull(1), 4), "budget spent");
      assertEquals(5, provider.autoRatchetDerivations());
      assertNotNull(h.ratchetCandidateOrNull(h.keyOrNull(0), 3), "remembered steps cost nothing");
      now.addAndGet(1_000_000_000L);
      assertNotNull(h.ratchetCandidateOrNull(h.keyOrNull(2), 4));
    }
  }

  @Test
  void newKeyDuringAutoRatchet_wins() {
    try (DefaultKeyProvider provider = new DefaultKeyProvider(hkdf().build())) {
      provider.setKey(BOB, 0, raw("old"));
      KeyHandler h = provider.keyHandler(BOB);
      CryptoKey base = h.keyOrNull(0);
      CryptoKey candidate = h.ratchetCandidateOrNull(base, 1);
      provider.setKey(BOB, 0, raw("new"));
      assertFalse(h.acceptRatchetCandidate(base, candidate));
      assertNull(h.ratchetCandidateOrNull(base, 1));
      assertFalse(h.keyOrNull(0).equalsKey(candidate));
    }
  }

  @Test
  void listeners_hearSetAndRatchet_andOneThrowingListenerDoesNotStopOthers() {
    List<String> heard = new CopyOnWriteArrayList<>();
    try (DefaultKeyProvider provider = new DefaultKeyProvider(hkdf().sharedKey(true).build())) {
      provider.addListener(new KeyProviderListener() {
        @Override
        public void onKeySet(KeyEvent event) {
          throw new IllegalStateException("listener bug");
        }
      });
      KeyProviderListener recorder = new KeyProviderListener() {
        @Override
        public void onKeySet(KeyEvent event) {
          heard.add("set " + event.keyIndex() + " " + event.participant().isPresent());
        }

        @Override
        public void onKeyRatcheted(KeyEvent event) {
          heard.add(event.type() + " " + event.keyIndex());
        }
      };
      provider.addListener(recorder);
      provider.setSharedKey(18, raw("k"));
      provider.ratchetSharedKey(2);
      provider.removeListener(recorder);
      provider.setSharedKey(3, raw("k"));
      assertEquals(List.of("set 2 false", "RATCHETED 2"), heard);
    }
  }

  @Test
  void ivs_neverRepeat_underOneKey_acrossThreads() throws Exception {
    try (DefaultKeyProvider provider = new DefaultKeyProvider(hkdf().sharedKey(true).build())) {
      provider.setSharedKey(0, raw("k"));
      CryptoKey key = provider.keyHandler(ALICE).keyOrNull(0);
      int threads = 4;
      int perThread = 1 << 15;
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<List<String>>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          futures.add(pool.submit(() -> {
            List<String> ivs = new ArrayList<>(perThread);
            ByteBuffer iv = ByteBuffer.allocate(12);
            for (int i = 0; i < perThread; i++) {
              iv.clear();
              assertTrue(key.nextIv(iv, 12));
              ivs.add(Hex.encode(iv.array()));
            }
            return ivs;
          }));
        }
        Set<String> all = new HashSet<>();
        for (Future<List<String>> f : futures) {
          all.addAll(f.get());
        }
        assertEquals(threads * perThread, all.size());
        assertEquals(threads * perThread, key.ivsIssued());
      }
      finally {
        pool.shutdownNow();
      }
      CryptoKey other = provider.keyHandler(BOB).keyOrNull(0);
      ByteBuffer a = ByteBuffer.allocate(12);
      ByteBuffer b = ByteBuffer.allocate(12);
      key.nextIv(a, 12);
      other.nextIv(b, 12);
      assertFalse(java.util.Arrays.equals(java.util.Arrays.copyOf(a.array(), 8), java.util.Arrays.copyOf(b.array(), 8)),
          "each key object draws its own random IV prefix");
    }
  }

  @Test
  void settingAndRatchetingFromSeveralThreads_whileOthersRead_staysConsistent() throws Exception {
    try (DefaultKeyProvider provider = new DefaultKeyProvider(hkdf().keyRingSize(4).build())) {
      provider.setKey(ALICE, 0, raw("seed"));
      EncryptionType gcm = gcm();
      AtomicBoolean stop = new AtomicBoolean();
      List<Throwable> problems = new CopyOnWriteArrayList<>();
      ExecutorService pool = Executors.newFixedThreadPool(6);
      CountDownLatch writersDone = new CountDownLatch(2);
      try {
        for (int w = 0; w < 2; w++) {
          final int writer = w;
          pool.submit(() -> {
            try {
              for (int i = 0; i < 150; i++) {
                int index = (writer * 7 + i) % 4;
                if (i % 3 == 0) {
                  provider.setKey(ALICE, index, raw("w" + writer + "-" + i));
                } else {
                  try {
                    provider.ratchetKey(ALICE, index);
                  } catch (IllegalStateException emptySlot) {
                    provider.setKey(ALICE, index, raw("fill" + i));
                  }
                }
              }
            } catch (Throwable t) {
              problems.add(t);
            } finally {
              writersDone.countDown();
            }
          });
        }
        for (int r = 0; r < 4; r++) {
          pool.submit(() -> {
            ByteBuffer iv = ByteBuffer.allocate(12);
            while (!stop.get()) {
              try {
                KeyHandler h = provider.keyHandler(ALICE);
                int current = h.currentKeyIndex();
                if (current < 0 || current >= 4) {
                  problems.add(new AssertionError("current index out of range: " + current));
                }
                CryptoKey key = h.keyOrNull(current);
                if (key != null) {
                  iv.clear();
                  if (key.nextIv(iv, 12)) {
                    iv.flip();
                    ByteBuffer out = ByteBuffer.allocate(21);
                    key.aead(gcm).seal(iv, ByteBuffer.allocate(0), ByteBuffer.wrap(new byte[5]), out);
                  } else if (!key.isDestroyed()) {
                    problems.add(new AssertionError("a live key refused an IV"));
                  }
                }
              } catch (IllegalStateException replacedMeanwhile) {
                // A key replaced while this reader held it is destroyed and refuses to work: the
                // frame would be dropped, never sealed under a wiped key.
              } catch (Throwable t) {
                problems.add(t);
              }
            }
          });
        }
        assertTrue(writersDone.await(60, TimeUnit.SECONDS));
        stop.set(true);
      } finally {
        pool.shutdown();
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
      }
      assertEquals(List.of(), problems);
      for (int i = 0; i < 4; i++) {
        assertNotNull(provider.keyHandler(ALICE).keyOrNull(i));
      }
    }
  }

  @Test
  void close_wipesKeys() {
    DefaultKeyProvider provider = new DefaultKeyProvider(hkdf().build());
    provider.setKey(ALICE, 0, raw("k"));
    CryptoKey key = provider.keyHandler(ALICE).keyOrNull(0);
    provider.close();
    assertTrue(key.isDestroyed());
    assertFalse(key.nextIv(ByteBuffer.allocate(12), 12));
  }

  @Test
  void removeParticipant_forgetsTheRing_andWipesItsKeys() {
    try (DefaultKeyProvider provider = new DefaultKeyProvider(hkdf().build())) {
      provider.setKey(ALICE, 0, raw("alice"));
      CryptoKey held = provider.keyHandler(ALICE).keyOrNull(0);
      assertEquals(1, provider.participantCount());
      provider.removeParticipant(ALICE);
      assertEquals(0, provider.participantCount());
      assertTrue(held.isDestroyed(), "no reader held the slot: wiped at once");
      assertThrows(IllegalStateException.class, () -> provider.exportKey(ALICE, 0));
      assertEquals(0, provider.participantCount(), "asking for an unknown participant's key creates nothing");
      provider.removeParticipant(BOB); // unknown: no effect
    }
  }

  @Test
  void findKeyHandlerOrNull_createsNothing_inEitherMode() {
    try (DefaultKeyProvider perParticipant = new DefaultKeyProvider(hkdf().build());
        DefaultKeyProvider shared = new DefaultKeyProvider(hkdf().sharedKey(true).build())) {
      perParticipant.setKey(ALICE, 0, raw("alice"));
      shared.setSharedKey(0, raw("shared"));
      for (int i = 0; i < 1000; i++) {
        ParticipantId forged = ParticipantId.of("forged-" + i);
        assertNull(perParticipant.findKeyHandlerOrNull(forged));
        KeyHandler view = shared.findKeyHandlerOrNull(forged);
        assertNotNull(view.keyOrNull(0), "the shared key opens a stranger's packet");
        view.recordDecryptionFailure(0);
        assertNull(view.ratchetCandidateOrNull(view.keyOrNull(0), 1), "no auto-ratchet on a read-only view");
      }
      assertSame(perParticipant.keyHandler(ALICE), perParticipant.findKeyHandlerOrNull(ALICE));
      assertEquals(1, perParticipant.participantCount());
      assertEquals(0, shared.participantCount());
      assertTrue(shared.keyHandler(BOB).isKeyValid(0), "failures on the view touch nobody's counters");
    }
  }

  @Test
  void invalidKey_isRetriedOnceASecond_andARealFrameMakesItValid() {
    AtomicLong now = new AtomicLong();
    try (DefaultKeyProvider provider = new DefaultKeyProvider(hkdf().failureTolerance(1).build(), now::get)) {
      provider.setKey(ALICE, 0, raw("alice"));
      KeyHandler h = provider.keyHandler(ALICE);
      h.recordDecryptionFailure(0);
      h.recordDecryptionFailure(0);
      assertFalse(h.isKeyValid(0));
      assertFalse(h.allowsAttempt(0), "just marked invalid: no retry yet");
      now.addAndGet(KeyHandler.INVALID_KEY_RETRY_NANOS);
      assertTrue(h.allowsAttempt(0), "one retry after a second");
      assertFalse(h.allowsAttempt(0), "and only one");
      h.recordDecryptionFailure(0);
      now.addAndGet(KeyHandler.INVALID_KEY_RETRY_NANOS);
      assertTrue(h.allowsAttempt(0));
      h.recordDecryptionSuccess(0);
      assertTrue(h.isKeyValid(0));
      assertTrue(h.allowsAttempt(0));
    }
  }

  @Test
  void ratchetStepsBeyondTheFirst_areDerivedOffTheCallingThread_thenHandedOut() {
    List<Runnable> queued = new CopyOnWriteArrayList<>();
    try (DefaultKeyProvider provider = new DefaultKeyProvider(hkdf().build(), System::nanoTime, queued::add)) {
      provider.setKey(BOB, 0, raw("chain"));
      KeyHandler h = provider.keyHandler(BOB);
      CryptoKey base = h.keyOrNull(0);
      assertNotNull(h.ratchetCandidateOrNull(base, 1), "step 1 is derived when the key is set");
      assertNull(h.ratchetCandidateOrNull(base, 3), "step 3 is not derived yet: nothing waits for it");
      assertNull(h.ratchetCandidateOrNull(base, 3));
      assertEquals(1, queued.size(), "one derivation task per slot at a time");
      assertEquals(0, provider.autoRatchetDerivations());
      queued.remove(0).run();
      assertEquals(2, provider.autoRatchetDerivations());
      assertNotNull(h.ratchetCandidateOrNull(base, 3));
    }
  }

  @Test
  void exportRacingSetKey_neverReturnsAWipedKey() throws Exception {
    try (DefaultKeyProvider provider = new DefaultKeyProvider(hkdf().build())) {
      provider.setKey(ALICE, 0, raw("k0"));
      AtomicBoolean stop = new AtomicBoolean();
      List<String> zeros = new CopyOnWriteArrayList<>();
      Thread reader = new Thread(() -> {
        while (!stop.get()) {
          byte[] m = provider.exportKey(ALICE, 0);
          if (m.length == 0 || m[0] == 0 && m[m.length - 1] == 0 && java.util.Arrays.equals(m, new byte[m.length])) {
            zeros.add("all-zero export");
          }
        }
      });
      reader.start();
      for (int i = 0; i < 2000; i++) {
        provider.setKey(ALICE, 0, raw("key number " + i));
      }
      stop.set(true);
      reader.join(10_000);
      assertEquals(List.of(), zeros);
    }
  }

  /** A provider that derives auto-ratchet steps on the calling thread, so tests see them at once. */
  private static DefaultKeyProvider derivingAtOnce(KeyProviderOptions options) {
    return new DefaultKeyProvider(options, System::nanoTime, Runnable::run);
  }
}
