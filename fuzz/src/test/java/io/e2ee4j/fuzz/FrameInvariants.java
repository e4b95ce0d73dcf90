package io.e2ee4j.fuzz;

import io.e2ee4j.api.media.EncodedFrame;
import io.e2ee4j.api.media.FrameCryptor;
import io.e2ee4j.api.media.FrameDropReason;
import io.e2ee4j.api.media.FrameResult;
import io.e2ee4j.api.media.PassThroughReason;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Set;

/**
 * The invariants of a receiving frame cryptor on any input (architecture.md, "Invariants"): the
 * call returns (no exception), never reports an internal error (a swallowed exception), never
 * emits a frame it did not authenticate (a DECRYPTED output must be one a genuine seed decrypts
 * to), and passes a frame through only when it is empty or a server-injected frame.
 */
final class FrameInvariants {

  private FrameInvariants() {}

  /**
   * Processes {@code frame} and checks the result.
   *
   * @param genuine every output a genuine (seed) frame decrypts to
   * @param sifTrailer the SIF trailer the cryptor was configured with (empty for none)
   */
  static FrameResult receive(FrameCryptor receiver, EncodedFrame frame, Set<ByteBuffer> genuine, byte[] sifTrailer) {
    byte[] received = bytes(frame.payload());
    FrameResult result;
    try {
      result = receiver.process(frame);
    } catch (RuntimeException e) {
      throw new AssertionError("exception escaped FrameCryptor.process on " + hex(received), e);
    }
    switch (result.status()) {
      case DECRYPTED:
        if (!genuine.contains(result.output())) {
          throw new AssertionError("DECRYPTED a frame that is no genuine frame: in " + hex(received) + " out "
              + hex(bytes(result.output())));
        }
        break;
      case PASSED_THROUGH:
        checkPassThrough(result, received, sifTrailer);
        break;
      case DROPPED:
        if (result.dropReasonOrNull() == FrameDropReason.INTERNAL_ERROR) {
          throw new AssertionError("INTERNAL_ERROR (a swallowed exception) on " + hex(received));
        }
        break;
      default:
        throw new AssertionError("a receiving cryptor answered " + result + " on " + hex(received));
    }
    return result;
  }

  private static void checkPassThrough(FrameResult result, byte[] received, byte[] sifTrailer) {
    PassThroughReason reason = result.passThroughReasonOrNull();
    if (reason == PassThroughReason.EMPTY_FRAME && result.length() == 0) {
      return;
    }
    if (reason == PassThroughReason.SERVER_INJECTED_FRAME && sifTrailer.length > 0) {
      // What passes is the frame before the SIF trailer (and before any metadata trailer after it).
      byte[] out = bytes(result.output());
      byte[] marked = Arrays.copyOf(out, out.length + sifTrailer.length);
      System.arraycopy(sifTrailer, 0, marked, out.length, sifTrailer.length);
      if (startsWith(received, marked)) {
        return;
      }
    }
    throw new AssertionError("passed through " + result + " on " + hex(received));
  }

  private static boolean startsWith(byte[] a, byte[] prefix) {
    return a.length >= prefix.length && Arrays.equals(a, 0, prefix.length, prefix, 0, prefix.length);
  }

  static byte[] bytes(ByteBuffer b) {
    byte[] a = new byte[b.remaining()];
    b.duplicate().get(a);
    return a;
  }

  static String hex(byte[] b) {
    return java.util.HexFormat.of().formatHex(b);
  }
}
