package io.e2ee4j.plugintests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.e2ee4j.api.E2eeState;
import io.e2ee4j.api.data.DataFailureReason;
import io.e2ee4j.api.media.EncodedFrame;
import io.e2ee4j.api.media.FrameDropReason;
import io.e2ee4j.api.media.FrameResult;
import io.e2ee4j.api.spi.EncryptionType;
import io.e2ee4j.cipher.custom.ChaCha20Poly1305EncryptionType;
import io.e2ee4j.cipher.custom.ChaCha20Poly1305EncryptionType.Backend;
import io.e2ee4j.core.E2eeManager;
import io.e2ee4j.core.EncryptionTypeCatalog;
import io.e2ee4j.core.ManagedFrameCryptor;
import io.e2ee4j.transport.datachannel.DataPackets;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The frame and data-packet paths, unchanged, on every encryption type: the installed ones
 * ({@code gcm}, {@code chacha20-poly1305}, {@code aes-gcm-siv}), this application's own {@code
 * custom} type (found through ServiceLoader), and test-plugin's type loaded into a module layer. A
 * room on one type round-trips; peers on different types get DECRYPTION_FAILED, never output.
 */
class RoomOnEveryTypeTest {

  private static EncryptionTypeCatalog types;

  @BeforeAll
  static void catalogue() {
    EncryptionType plugin = EncryptionTypeCatalog.load(TestPlugin.newLayer()).get(TestPlugin.TYPE_ID);
    types = EncryptionTypeCatalog.loadInstalled().with(plugin);
  }

  static Stream<String> typeIds() {
    return Stream.of("gcm", "chacha20-poly1305", "aes-gcm-siv", "custom", TestPlugin.TYPE_ID);
  }

  @Test
  void installedTypes_includeTheReadyOnesAndTheApplicationsCustomOne() {
    assertTrue(EncryptionTypeCatalog.loadInstalled().ids().containsAll(Set.of("gcm", "chacha20-poly1305",
        "aes-gcm-siv", "custom")), EncryptionTypeCatalog.loadInstalled().toString());
    assertEquals(AppCipher.class, EncryptionTypeCatalog.loadInstalled().get("custom").getClass());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("typeIds")
  void roomOnOneType_roundTripsFramesAndDataPackets(String typeId) {
    try (E2eeManager alice = Room.member(types, typeId); E2eeManager bob = Room.member(types, typeId)) {
      assertRoundTrip(alice, bob, types.get(typeId));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("typeIds")
  void aTamperedFrame_isDroppedAsAuthenticationFailed_onEveryType(String typeId) {
    try (E2eeManager alice = Room.member(types, typeId); E2eeManager bob = Room.member(types, typeId)) {
      FrameResult sent = alice.createLocalCryptor(Room.ALICE, "mic", "audio/opus")
          .process(EncodedFrame.audio(ByteBuffer.wrap(Room.AUDIO.clone()), "audio/opus", 1, 0, Room.ALICE));
      byte[] frame = Room.bytes(sent.output());
      frame[5] ^= 0x01; // ciphertext, past Opus's one clear byte
      ManagedFrameCryptor bobMic = bob.createRemoteCryptor(Room.ALICE, "mic", "audio/opus");
      FrameResult received = bobMic.process(EncodedFrame.audio(ByteBuffer.wrap(frame), "audio/opus", 1, 0, Room.ALICE));
      assertEquals(FrameResult.Status.DROPPED, received.status());
      assertEquals(FrameDropReason.AUTHENTICATION_FAILED, received.dropReasonOrNull());
      assertEquals(E2eeState.DECRYPTION_FAILED, bobMic.state());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("chaChaBackends")
  void chaCha20Poly1305_onEitherBackend_interoperatesWithTheOther(Backend aliceBackend) {
    Backend bobBackend = aliceBackend == Backend.JDK ? Backend.BOUNCY_CASTLE : Backend.JDK;
    try (E2eeManager alice = Room.member(types.with(ChaCha20Poly1305EncryptionType.withBackend(aliceBackend)),
            ChaCha20Poly1305EncryptionType.ID);
        E2eeManager bob = Room.member(types.with(ChaCha20Poly1305EncryptionType.withBackend(bobBackend)),
            ChaCha20Poly1305EncryptionType.ID)) {
      assertRoundTrip(alice, bob, alice.frameEncryptionType());
    }
  }

  static Stream<Backend> chaChaBackends() {
    return Stream.of(Backend.values());
  }

  @Test
  void peersOnDifferentTypes_getDecryptionFailed_neverOutput() {
    List<String> errors = new ArrayList<>();
    int pairs = 0;
    for (String sent : typeIds().toList()) {
      for (String received : typeIds().toList()) {
        if (sent.equals(received)) {
          continue;
        }
        pairs++;
        try (E2eeManager alice = Room.member(types, sent); E2eeManager bob = Room.member(types, received)) {
          Room.Exchange x = Room.exchange(alice, bob);
          String pair = sent + " -> " + received + ": ";
          if (x.sentAudio().status() != FrameResult.Status.ENCRYPTED || !x.sentData().isOk()) {
            errors.add(pair + "sender failed: " + x.sentAudio().describe() + " / " + x.sentData().describe());
            continue;
          }
          for (FrameResult r : List.of(x.receivedAudio(), x.receivedVideo())) {
            if (r.isForwarded()) {
              errors.add(pair + "a frame was forwarded: " + r.describe());
            } else if (r.dropReasonOrNull() != FrameDropReason.AUTHENTICATION_FAILED
                && r.dropReasonOrNull() != FrameDropReason.MALFORMED_TRAILER) {
              errors.add(pair + "unexpected drop reason " + r.dropReasonOrNull());
            }
          }
          if (x.bobsAudioCryptor().state() != E2eeState.DECRYPTION_FAILED) {
            errors.add(pair + "receiver state " + x.bobsAudioCryptor().state());
          }
          if (x.receivedData().isOk() || x.receivedData().failureOrNull() == null
              || x.receivedData().failureOrNull().stateOrNull() != E2eeState.DECRYPTION_FAILED) {
            errors.add(pair + "data packet: " + x.receivedData().describe());
          }
        }
      }
    }
    assertEquals(20, pairs);
    assertEquals(List.of(), errors);
  }

  private static void assertRoundTrip(E2eeManager alice, E2eeManager bob, EncryptionType type) {
    assertEquals(type.id(), alice.frameEncryptionTypeId(), "the manager reports the type in use");
    assertEquals(type.id(), alice.dataEncryptionTypeId());
    Room.Exchange x = Room.exchange(alice, bob);

    assertEquals(FrameResult.Status.ENCRYPTED, x.sentAudio().status(), x.sentAudio().describe());
    // The overhead is the type's: tag, IV, then the IV-length and key-index bytes.
    assertEquals(Room.AUDIO.length + type.tagLengthBytes() + type.ivLengthBytes() + 2, x.sentAudio().length());
    assertFalse(Room.bytes(x.sentAudio().output()).length == 0);
    assertEquals(FrameResult.Status.DECRYPTED, x.receivedAudio().status(), x.receivedAudio().describe());
    assertArrayEquals(Room.AUDIO, Room.bytes(x.receivedAudio().output()));
    assertEquals(FrameResult.Status.DECRYPTED, x.receivedVideo().status(), x.receivedVideo().describe());
    assertArrayEquals(Room.VIDEO, Room.bytes(x.receivedVideo().output()));
    assertEquals(E2eeState.OK, x.bobsAudioCryptor().state());
    assertTrue(x.receivedData().isOk(), x.receivedData().describe());
    assertNull(x.receivedData().failureOrNull());
    assertArrayEquals(Room.DATA, DataPackets.userPayloadOrNull(x.receivedData().packet()));
  }
}
