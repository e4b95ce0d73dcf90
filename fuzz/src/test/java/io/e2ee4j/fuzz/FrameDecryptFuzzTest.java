package io.e2ee4j.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.e2ee4j.api.E2eeStateEvent.Direction;
import io.e2ee4j.api.media.FrameCryptor;
import io.e2ee4j.core.DefaultKeyProvider;
import java.nio.ByteBuffer;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fuzzes frame decryption per codec through the public API: a {@code "livekit"} frame cryptor
 * (found with ServiceLoader) receiving {@link FuzzRoom#SENDER}'s track, with the fuzz keys at
 * slots 0 and 1. Each input ({@code flags || frame}, see {@link FrameCodec}) goes through the clear
 * header, the H.264/H.265 NAL scan and RBSP un-escaping, the {@code IV || L || K} trailer, the key
 * lookup, AES-GCM and the auto-ratchet. Invariants: {@link FrameInvariants} (no exception, no
 * internal error, nothing decrypted but a genuine frame). The corpus starts from real ciphertext
 * ({@link SealedSeeds}).
 */
@ExtendWith(ReplayCounter.class)
class FrameDecryptFuzzTest {

  private static final DefaultKeyProvider KEYS = FuzzRoom.keyProvider(false);
  private static final Map<FrameCodec, FrameCryptor> RECEIVERS = new EnumMap<>(FrameCodec.class);
  private static final Map<FrameCodec, Set<ByteBuffer>> GENUINE = new EnumMap<>(FrameCodec.class);

  static {
    for (FrameCodec codec : FrameCodec.values()) {
      RECEIVERS.put(codec, FuzzRoom.frameCryptor(KEYS, Direction.DECRYPT, codec.mimeType, false));
      GENUINE.put(codec, SealedSeeds.decryptedFrames(codec, false));
    }
  }

  private static void receive(FrameCodec codec, byte[] input) {
    if (input.length > FuzzRoom.MAX_INPUT_BYTES) {
      return;
    }
    FrameInvariants.receive(RECEIVERS.get(codec), codec.frame(input), GENUINE.get(codec), FuzzRoom.SIF_TRAILER);
  }

  @FuzzTest
  void opus(byte[] input) {
    receive(FrameCodec.OPUS, input);
  }

  @FuzzTest
  void vp8(byte[] input) {
    receive(FrameCodec.VP8, input);
  }

  @FuzzTest
  void vp9(byte[] input) {
    receive(FrameCodec.VP9, input);
  }

  @FuzzTest
  void h264(byte[] input) {
    receive(FrameCodec.H264, input);
  }

  @FuzzTest
  void h265(byte[] input) {
    receive(FrameCodec.H265, input);
  }

  @FuzzTest
  void av1(byte[] input) {
    receive(FrameCodec.AV1, input);
  }

  @FuzzTest
  void unknown(byte[] input) {
    receive(FrameCodec.UNKNOWN, input);
  }
}
