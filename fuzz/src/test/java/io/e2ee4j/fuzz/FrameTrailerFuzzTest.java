package io.e2ee4j.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.e2ee4j.api.E2eeStateEvent.Direction;
import io.e2ee4j.api.media.EncodedFrame;
import io.e2ee4j.api.media.FrameCryptor;
import io.e2ee4j.core.DefaultKeyProvider;
import java.nio.ByteBuffer;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fuzzes the two trailers a received frame may end with before LiveKit's own: the SIF marker of
 * server-injected frames (the SFU's unencrypted blank frames) and the {@code LKTS} metadata
 * trailer (user timestamp, frame id, user data: not authenticated in LiveKit's format). The
 * receivers have the metadata trailer on and {@link FuzzRoom#SIF_TRAILER} configured. An input is
 * {@code flags || frame}: bit 0 key frame, bits 1.. the codec ({@link FrameCodec} ordinal, modulo
 * their count). Invariants: {@link FrameInvariants}; a frame whose metadata was altered may still
 * decrypt, but only to a genuine frame.
 */
@ExtendWith(ReplayCounter.class)
class FrameTrailerFuzzTest {

  private static final FrameCodec[] CODECS = FrameCodec.values();
  private static final DefaultKeyProvider KEYS = FuzzRoom.keyProvider(false);
  private static final Map<FrameCodec, FrameCryptor> RECEIVERS = new EnumMap<>(FrameCodec.class);
  /**
   * Every genuine frame of every codec: the codec bits are fuzzed too, and a frame of one codec may
   * rightly decrypt when named as another with the same clear header (a VP8 frame as H.264 without
   * start codes: both take the VP8 rule).
   */
  private static final Set<ByteBuffer> GENUINE = new HashSet<>();

  static {
    for (FrameCodec codec : CODECS) {
      RECEIVERS.put(codec, FuzzRoom.frameCryptor(KEYS, Direction.DECRYPT, codec.mimeType, true));
      GENUINE.addAll(SealedSeeds.decryptedFrames(codec, true));
      GENUINE.addAll(SealedSeeds.decryptedFrames(codec, false));
    }
  }

  /** The codec an input's flags name. */
  static FrameCodec codecOf(byte[] input) {
    return input.length == 0 ? FrameCodec.OPUS : CODECS[((input[0] & 0xFF) >>> 1) % CODECS.length];
  }

  /** {@code input} with its flags naming {@code codec} too. */
  static byte[] withCodec(byte[] input, FrameCodec codec) {
    byte[] copy = input.clone();
    copy[0] = (byte) ((copy[0] & 1) | codec.ordinal() << 1);
    return copy;
  }

  private static void receive(byte[] input) {
    if (input.length > FuzzRoom.MAX_INPUT_BYTES) {
      return;
    }
    FrameCodec codec = codecOf(input);
    EncodedFrame frame = codec.frame(input);
    FrameInvariants.receive(RECEIVERS.get(codec), frame, GENUINE, FuzzRoom.SIF_TRAILER);
  }

  @FuzzTest
  void serverInjectedFrames(byte[] input) {
    receive(input);
  }

  @FuzzTest
  void metadataTrailer(byte[] input) {
    receive(input);
  }
}
