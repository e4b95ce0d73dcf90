package io.e2ee4j.transport.webrtc.internal;

import io.e2ee4j.api.media.MediaKind;
import java.nio.ByteBuffer;

/**
 * The clear-header rules of LiveKit's frame format (spec sections 1.3, 1.4, 1.9): how many leading
 * bytes of a frame stay unencrypted, and whether H.264/H.265 NAL processing (start-code
 * normalisation, RBSP escaping) applies. Allocation-free; works on absolute indexes so the
 * buffer's position is never moved.
 */
public final class ClearHeader {

  /** Result flag: NAL processing applies (the tail is RBSP-escaped). */
  public static final int NAL_FLAG = 1 << 30;
  /** Result: the codec cannot be encrypted (AV1). */
  public static final int UNSUPPORTED = -1;

  private static final int VP8_KEY = 10;
  private static final int VP8_DELTA = 3;
  private static final int NO_SLICE = -1;
  private static final int LEADING_DATA = -2;

  private ClearHeader() {}

  /**
   * The clear-header length for a frame, possibly with {@link #NAL_FLAG} set, or {@link #UNSUPPORTED}.
   * The length may exceed the frame length for short frames (VP8 rule); callers check.
   *
   * @param codec the codec from the frame's MIME type, else the track's
   */
  public static int compute(MediaKind kind, Codec codec, boolean keyFrame, ByteBuffer frame, int off, int len) {
    if (kind == MediaKind.AUDIO) {
      return 1;
    }
    switch (codec) {
      case AV1:
        return UNSUPPORTED;
      case VP8:
        return keyFrame ? VP8_KEY : VP8_DELTA;
      case VP9:
        return 0;
      default:
        int slice = firstSliceOffset(frame, off, len);
        if (slice >= 0) {
          return (slice + 2) | NAL_FLAG;
        }
        return keyFrame ? VP8_KEY : VP8_DELTA;
    }
  }

  /**
   * LiveKit JS 2.23's NAL scan: the offset (relative to {@code off}) of the first H.264 slice NAL
   * unit if any NAL unit is one, else of the first H.265 VCL NAL unit, else -1. A NAL unit counts
   * only if it starts before {@code len - 3} (a quirk kept for byte-exact interop); leading bytes
   * before the first start code make the scan fail (-1).
   */
  public static int firstSliceOffset(ByteBuffer b, int off, int len) {
    int firstH264 = NO_SLICE;
    int firstH265 = NO_SLICE;
    int searchLength = len - 3;
    int start = 0;
    int pos = 0;
    while (pos < searchLength) {
      while (pos < searchLength) {
        if (pos < searchLength - 1 && b.get(off + pos) == 0 && b.get(off + pos + 1) == 0
            && b.get(off + pos + 2) == 0 && b.get(off + pos + 3) == 1) {
          break;
        }
        if (b.get(off + pos) == 0 && b.get(off + pos + 1) == 0 && b.get(off + pos + 2) == 1) {
          break;
        }
        pos++;
      }
      if (pos >= searchLength) {
        pos = len;
      }
      int end = pos;
      while (end > start && b.get(off + end - 1) == 0) {
        end--;
      }
      if (start == 0) {
        if (end != start) {
          return NO_SLICE; // "byte stream contains leading data"
        }
      } else {
        int header = b.get(off + start) & 0xFF;
        if (firstH264 < 0 && isH264Slice(header)) {
          firstH264 = start;
        }
        if (firstH265 < 0 && isH265Vcl(header)) {
          firstH265 = start;
        }
      }
      int startCodeLength = 3;
      if (pos < len - 3 && b.get(off + pos) == 0 && b.get(off + pos + 1) == 0 && b.get(off + pos + 2) == 0
          && b.get(off + pos + 3) == 1) {
        startCodeLength = 4;
      }
      start = pos = pos + startCodeLength;
    }
    return firstH264 >= 0 ? firstH264 : firstH265;
  }

  static boolean isH264Slice(int nalHeader) {
    int type = nalHeader & 0x1F;
    return type == 1 || type == 5;
  }

  static boolean isH265Vcl(int nalHeader) {
    int type = (nalHeader >> 1) & 0x3F;
    return type <= 9 || (type >= 16 && type <= 21);
  }

  /** How many bytes {@link #writeNormalised} adds: one per 3-byte start code not preceded by a zero. */
  public static int normalisationGrowth(ByteBuffer b, int off, int n) {
    int extra = 0;
    for (int i = 0; i + 2 < n; i++) {
      if (b.get(off + i) == 0 && b.get(off + i + 1) == 0 && b.get(off + i + 2) == 1
          && (i == 0 || b.get(off + i - 1) != 0)) {
        extra++;
      }
    }
    return extra;
  }

  /**
   * Copies {@code b[off, off + n)} to {@code out} at {@code outOff}, writing each 3-byte start code
   * {@code 00 00 01} that is not preceded by {@code 00} as {@code 00 00 00 01} (JS 2.23 section 1.4
   * step 5).
   *
   * @return the bytes written
   */
  public static int writeNormalised(ByteBuffer b, int off, int n, ByteBuffer out, int outOff) {
    int w = outOff;
    for (int i = 0; i < n; i++) {
      byte v = b.get(off + i);
      if (v == 0 && i + 2 < n && b.get(off + i + 1) == 0 && b.get(off + i + 2) == 1
          && (i == 0 || b.get(off + i - 1) != 0)) {
        out.put(w++, (byte) 0);
      }
      out.put(w++, v);
    }
    return w - outOff;
  }
}
