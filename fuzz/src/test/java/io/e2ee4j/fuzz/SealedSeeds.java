package io.e2ee4j.fuzz;

import io.e2ee4j.api.E2eeStateEvent.Direction;
import io.e2ee4j.api.media.EncodedFrame;
import io.e2ee4j.api.media.FrameCryptor;
import io.e2ee4j.api.media.FrameMetadata;
import io.e2ee4j.api.media.FrameResult;
import io.e2ee4j.core.DefaultKeyProvider;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Valid encrypted frames made with the fuzz keys, the starting points of the seed corpus, and the
 * outputs their decryption yields: the only outputs a fuzzed frame may decrypt to. Sending and the
 * reference decryption use key providers of their own, so the fuzz target's receiver is untouched.
 */
final class SealedSeeds {

  private SealedSeeds() {}

  /** Encrypted frames of {@code codec}: every plaintext under every key slot, as fuzz inputs. */
  static List<byte[]> frameInputs(FrameCodec codec, boolean withMetadata) {
    List<byte[]> inputs = new ArrayList<>();
    try (DefaultKeyProvider keys = FuzzRoom.keyProvider(false)) {
      for (int index : FuzzRoom.KEY_INDEXES) {
        keys.setCurrentKeyIndex(FuzzRoom.SENDER, index);
        FrameCryptor sender = FuzzRoom.frameCryptor(keys, Direction.ENCRYPT, codec.sendAs().mimeType, withMetadata);
        int n = 0;
        for (FrameCodec.Plain plain : codec.sendAs().plaintexts()) {
          EncodedFrame frame = codec.sendAs().frame(ByteBuffer.wrap(plain.bytes()), plain.keyFrame());
          if (withMetadata) {
            frame = frame.withMetadata(metadata(n++));
          }
          FrameResult sealed = sender.process(frame);
          if (sealed.status() != FrameResult.Status.ENCRYPTED) {
            throw new IllegalStateException("seed " + codec + " did not encrypt: " + sealed);
          }
          inputs.add(FrameCodec.input(plain.keyFrame(), sealed.output()));
        }
      }
    }
    return inputs;
  }

  /** What decrypting each of {@link #frameInputs} yields (the frame without any metadata trailer). */
  static Set<ByteBuffer> decryptedFrames(FrameCodec codec, boolean withMetadata) {
    Set<ByteBuffer> outputs = new HashSet<>();
    try (DefaultKeyProvider keys = FuzzRoom.keyProvider(false)) {
      FrameCryptor receiver = FuzzRoom.frameCryptor(keys, Direction.DECRYPT, codec.mimeType, withMetadata);
      for (byte[] input : frameInputs(codec, withMetadata)) {
        FrameResult opened = receiver.process(codec.frame(input));
        if (opened.status() != FrameResult.Status.DECRYPTED) {
          throw new IllegalStateException("seed " + codec + " did not decrypt: " + opened);
        }
        outputs.add(copy(opened.output()));
      }
    }
    return outputs;
  }

  /** Metadata of the {@code n}th seed frame: timestamp and frame id, and user data on every other. */
  static FrameMetadata metadata(int n) {
    FrameMetadata m = FrameMetadata.empty().withUserTimestampMicros(1_700_000_000_000_000L + n).withFrameId(n);
    return n % 2 == 0 ? m.withUserData(("frame " + n).getBytes(StandardCharsets.UTF_8)) : m;
  }

  static ByteBuffer copy(ByteBuffer b) {
    ByteBuffer c = ByteBuffer.allocate(b.remaining());
    c.put(b.duplicate()).flip();
    return c;
  }
}
