package io.e2ee4j.cipher.custom.internal;

import java.nio.ByteBuffer;
import java.security.InvalidAlgorithmParameterException;
import java.util.Arrays;
import javax.crypto.ShortBufferException;

/** Argument checks and clean-up shared by this module's {@link io.e2ee4j.api.spi.Aead}s. */
final class AeadChecks {

  private AeadChecks() {}

  /** The IV's remaining bytes as a new array (never a shared scratch: providers compare it with the last IV). */
  static byte[] iv(ByteBuffer iv, int length, String cipher) throws InvalidAlgorithmParameterException {
    if (iv.remaining() != length) {
      throw new InvalidAlgorithmParameterException(cipher + " IV must be " + length + " bytes, was " + iv.remaining());
    }
    byte[] bytes = new byte[length];
    iv.get(iv.position(), bytes);
    return bytes;
  }

  static void room(ByteBuffer output, int needed) throws ShortBufferException {
    if (output.remaining() < needed) {
      throw new ShortBufferException("output needs " + needed + " bytes, has " + output.remaining());
    }
  }

  /** Zeroes {@code output[from, from + length)} so nothing of an unauthenticated message stays there. */
  static void wipe(ByteBuffer output, int from, int length) {
    if (output.isReadOnly() || length <= 0) {
      return;
    }
    if (output.hasArray()) {
      int start = output.arrayOffset() + from;
      Arrays.fill(output.array(), start, start + length, (byte) 0);
    } else {
      for (int i = from; i < from + length; i++) {
        output.put(i, (byte) 0);
      }
    }
  }

  /** True if the cipher can work on the buffers' backing arrays directly (no copy). */
  static boolean arrays(ByteBuffer input, ByteBuffer output) {
    return input.hasArray() && output.hasArray();
  }
}
