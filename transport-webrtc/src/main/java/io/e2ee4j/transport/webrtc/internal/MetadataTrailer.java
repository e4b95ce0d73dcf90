package io.e2ee4j.transport.webrtc.internal;

import io.e2ee4j.api.media.FrameMetadata;
import java.nio.ByteBuffer;

/**
 * LiveKit's frame-metadata trailer (spec section 1.10): {@code TLV* || (trailerLen ^ 0xFF) ||
 * "LKTS"}, each TLV byte XORed with 0xFF; tag 1 user timestamp (8 bytes), tag 2 frame id (4
 * bytes), tag 3 user data.
 */
public final class MetadataTrailer {

  private static final byte[] MAGIC = {'L', 'K', 'T', 'S'};
  /** The most bytes {@link #write} produces: all three TLVs with 255 bytes of user data, length byte, magic. */
  public static final int MAX_LENGTH = (2 + 8) + (2 + 4) + (2 + 255) + 1 + MAGIC.length;

  private MetadataTrailer() {}

  /**
   * The length of a well-formed trailer at the end of {@code b[off, off + len)}, or 0 if there is
   * none: the magic matches, {@code 5 <= trailerLen <= len}, and at least one known TLV parses
   * before the length byte (a TLV that overruns stops the scan), as LiveKit JS checks.
   */
  public static int trailerLength(ByteBuffer b, int off, int len) {
    if (len < 5) {
      return 0;
    }
    for (int i = 0; i < 4; i++) {
      if (b.get(off + len - 4 + i) != MAGIC[i]) {
        return 0;
      }
    }
    int trailerLen = (b.get(off + len - 5) ^ 0xFF) & 0xFF;
    if (trailerLen < 5 || trailerLen > len) {
      return 0;
    }
    int p = off + len - trailerLen;
    int end = off + len - 5;
    boolean known = false;
    while (p + 2 <= end) {
      int tag = (b.get(p) ^ 0xFF) & 0xFF;
      int l = (b.get(p + 1) ^ 0xFF) & 0xFF;
      if (p + 2 + l > end) {
        break;
      }
      if ((tag == 1 && l == 8) || (tag == 2 && l == 4) || tag == 3) {
        known = true;
      }
      p += 2 + l;
    }
    return known ? trailerLen : 0;
  }

  /** The fields of the trailer of {@code trailerLen} bytes ending at {@code off + len}. */
  public static FrameMetadata parse(ByteBuffer b, int off, int len, int trailerLen) {
    FrameMetadata m = FrameMetadata.empty();
    int p = off + len - trailerLen;
    int end = off + len - 5;
    while (p + 2 <= end) {
      int tag = (b.get(p) ^ 0xFF) & 0xFF;
      int l = (b.get(p + 1) ^ 0xFF) & 0xFF;
      if (p + 2 + l > end) {
        break;
      }
      if (tag == 1 && l == 8) {
        m = m.withUserTimestampMicros(readLong(b, p + 2, 8));
      } else if (tag == 2 && l == 4) {
        m = m.withFrameId((int) readLong(b, p + 2, 4));
      } else if (tag == 3) {
        byte[] data = new byte[l];
        for (int i = 0; i < l; i++) {
          data[i] = (byte) (b.get(p + 2 + i) ^ 0xFF);
        }
        m = m.withUserData(data);
      }
      p += 2 + l;
    }
    return m;
  }

  private static long readLong(ByteBuffer b, int at, int n) {
    long v = 0;
    for (int i = 0; i < n; i++) {
      v = (v << 8) | ((b.get(at + i) ^ 0xFF) & 0xFF);
    }
    return v;
  }

  /** The bytes {@link #write} produces for {@code m}. */
  public static int length(FrameMetadata m) {
    int n = 5;
    if (m.userTimestampMicros().isPresent()) {
      n += 10;
    }
    if (m.frameId().isPresent()) {
      n += 6;
    }
    byte[] data = m.userDataOrNull();
    if (data != null) {
      n += 2 + data.length;
    }
    return n;
  }

  /**
   * Writes the trailer for {@code m} at {@code out}'s absolute index {@code at}.
   *
   * @return the bytes written
   */
  public static int write(FrameMetadata m, ByteBuffer out, int at) {
    int p = at;
    if (m.userTimestampMicros().isPresent()) {
      p = writeTlv(out, p, 1, m.userTimestampMicros().getAsLong(), 8);
    }
    if (m.frameId().isPresent()) {
      p = writeTlv(out, p, 2, m.frameId().getAsInt() & 0xFFFFFFFFL, 4);
    }
    byte[] data = m.userDataOrNull();
    if (data != null) {
      out.put(p++, (byte) (3 ^ 0xFF));
      out.put(p++, (byte) (data.length ^ 0xFF));
      for (byte d : data) {
        out.put(p++, (byte) (d ^ 0xFF));
      }
    }
    int trailerLen = p - at + 5;
    out.put(p++, (byte) (trailerLen ^ 0xFF));
    for (byte c : MAGIC) {
      out.put(p++, c);
    }
    return p - at;
  }

  private static int writeTlv(ByteBuffer out, int p, int tag, long value, int n) {
    out.put(p++, (byte) (tag ^ 0xFF));
    out.put(p++, (byte) (n ^ 0xFF));
    for (int i = n - 1; i >= 0; i--) {
      out.put(p++, (byte) ((value >>> (8 * i)) ^ 0xFF));
    }
    return p;
  }
}
