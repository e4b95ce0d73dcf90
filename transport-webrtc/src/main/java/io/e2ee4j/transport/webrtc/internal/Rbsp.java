package io.e2ee4j.transport.webrtc.internal;

import java.nio.ByteBuffer;

/**
 * H.264/H.265 emulation prevention (spec section 1.5), the transforms of libwebrtc {@code
 * H264::WriteRbsp} / {@code ParseRbsp}. Absolute indexes, no allocation.
 */
public final class Rbsp {

  private Rbsp() {}

  /** The most bytes escaping {@code n} bytes can produce. */
  public static int maxEscapedLength(int n) {
    return n + n / 2 + 1;
  }

  /**
   * Escapes {@code src[srcOff, srcOff + n)} into {@code dst} at {@code dstOff}: after two zero
   * bytes, a {@code 03} goes before any byte up to {@code 03}. {@code dst} may be the same buffer if
   * {@code dstOff + maxEscapedLength(n) - n <= srcOff} or the regions do not overlap.
   *
   * @return the bytes written
   */
  public static int escape(ByteBuffer src, int srcOff, int n, ByteBuffer dst, int dstOff) {
    int w = dstOff;
    int zeros = 0;
    for (int i = 0; i < n; i++) {
      byte b = src.get(srcOff + i);
      if (zeros >= 2 && (b & 0xFF) <= 3) {
        dst.put(w++, (byte) 3);
        zeros = 0;
      }
      dst.put(w++, b);
      zeros = b == 0 ? zeros + 1 : 0;
    }
    return w - dstOff;
  }

  /**
   * Un-escapes {@code src[srcOff, srcOff + n)} into {@code dst} at {@code dstOff}: every {@code 03}
   * that follows {@code 00 00} is dropped.
   *
   * @return the bytes written (at most {@code n})
   */
  public static int unescape(ByteBuffer src, int srcOff, int n, ByteBuffer dst, int dstOff) {
    int w = dstOff;
    int i = 0;
    while (i < n) {
      if (i + 2 < n && src.get(srcOff + i) == 0 && src.get(srcOff + i + 1) == 0 && src.get(srcOff + i + 2) == 3) {
        dst.put(w++, (byte) 0);
        dst.put(w++, (byte) 0);
        i += 3;
      } else {
        dst.put(w++, src.get(srcOff + i));
        i++;
      }
    }
    return w - dstOff;
  }
}
