package io.e2ee4j.plugintests;

import io.e2ee4j.api.KeyMaterial;
import io.e2ee4j.api.KeyProviderOptions;
import io.e2ee4j.api.ParticipantId;
import io.e2ee4j.api.data.DataPacketResult;
import io.e2ee4j.api.media.EncodedFrame;
import io.e2ee4j.api.media.FrameResult;
import io.e2ee4j.core.E2eeManager;
import io.e2ee4j.core.E2eeManagerOptions;
import io.e2ee4j.core.EncryptionTypeCatalog;
import io.e2ee4j.core.ManagedFrameCryptor;
import io.e2ee4j.transport.datachannel.DataPackets;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * A two-person room: each participant has its own {@link E2eeManager} (its own key provider holding
 * the room's shared passphrase key, 256-bit so every type takes it) on a chosen encryption type, with
 * the frame and data formats that are installed. Alice sends an audio frame, a video frame and a data
 * packet; Bob receives them.
 */
final class Room {

  static final ParticipantId ALICE = ParticipantId.of("alice");
  static final ParticipantId BOB = ParticipantId.of("bob");
  static final String PASSPHRASE = "plugin room passphrase";

  private Room() {}

  /** A participant's manager on encryption type {@code typeId} from {@code types}. */
  static E2eeManager member(EncryptionTypeCatalog types, String typeId) {
    E2eeManager manager = E2eeManager.builder()
        .keyProviderOptions(KeyProviderOptions.externalSharedKey().toBuilder().keySizeBits(256).build())
        .encryptionTypes(types)
        .options(E2eeManagerOptions.builder().frameEncryptionType(typeId).dataEncryptionType(typeId).build())
        .build();
    manager.keyProvider().setSharedKey(0, KeyMaterial.fromPassphrase(PASSPHRASE));
    return manager;
  }

  static byte[] randomBytes(long seed, int length) {
    byte[] bytes = new byte[length];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  /** What Bob made of what Alice sent. */
  record Exchange(FrameResult sentAudio, FrameResult receivedAudio, FrameResult sentVideo,
      FrameResult receivedVideo, DataPacketResult sentData, DataPacketResult receivedData,
      ManagedFrameCryptor bobsAudioCryptor) {}

  static final byte[] AUDIO = randomBytes(1, 160);
  static final byte[] VIDEO = randomBytes(2, 1200);
  static final byte[] DATA = "hello from alice".getBytes(StandardCharsets.UTF_8);

  /** Alice sends one audio frame, one VP8 key frame and one data packet; Bob processes them. */
  static Exchange exchange(E2eeManager alice, E2eeManager bob) {
    ManagedFrameCryptor aliceMic = alice.createLocalCryptor(ALICE, "mic", "audio/opus");
    ManagedFrameCryptor aliceCam = alice.createLocalCryptor(ALICE, "cam", "video/VP8");
    ManagedFrameCryptor bobMic = bob.createRemoteCryptor(ALICE, "mic", "audio/opus");
    ManagedFrameCryptor bobCam = bob.createRemoteCryptor(ALICE, "cam", "video/VP8");

    FrameResult sentAudio = aliceMic.process(EncodedFrame.audio(ByteBuffer.wrap(AUDIO.clone()), "audio/opus", 11, 960, ALICE));
    FrameResult receivedAudio = sentAudio.isForwarded()
        ? bobMic.process(EncodedFrame.audio(sentAudio.output(), "audio/opus", 11, 960, ALICE))
        : null;
    FrameResult sentVideo = aliceCam.process(EncodedFrame.video(ByteBuffer.wrap(VIDEO.clone()), "video/VP8", true, 22, 3000, ALICE));
    FrameResult receivedVideo = sentVideo.isForwarded()
        ? bobCam.process(EncodedFrame.video(sentVideo.output(), "video/VP8", true, 22, 3000, ALICE))
        : null;

    DataPacketResult sentData = alice.createDataPacketCryptor(ALICE).encrypt(DataPackets.userPacket(DATA, "chat"));
    DataPacketResult receivedData = sentData.isOk()
        ? bob.createDataPacketCryptor(BOB).decrypt(ByteBuffer.wrap(sentData.packetBytes()), ALICE)
        : null;
    return new Exchange(sentAudio, receivedAudio, sentVideo, receivedVideo, sentData, receivedData, bobMic);
  }

  static byte[] bytes(ByteBuffer buffer) {
    byte[] out = new byte[buffer.remaining()];
    buffer.duplicate().get(out);
    return out;
  }
}
