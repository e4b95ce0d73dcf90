package io.e2ee4j.transport.webrtc.internal;

import java.nio.ByteBuffer;
import java.util.HexFormat;

/**
 * The blank frames an SFU may inject unencrypted, marked by the SIF trailer (spec section 1.8): the
 * union of LiveKit JS's pinned payloads and newer native's {@code IsKnownSifPayload}. Anything else
 * carrying the trailer is dropped.
 */
public final class SifPayloads {

  private static final HexFormat HEX = HexFormat.of();
  private static final byte[] VP8_BLANK_KEY = HEX.parseHex("1002009d012a080008000047088585888584880202000c0d6000feffab5080");
  private static final byte[] H264_SPS = HEX.parseHex("6742c01f0fd91f888884000003000400000300c83c60c920");
  private static final byte[] H264_PPS = HEX.parseHex("6887cb83cb20");
  private static final byte[] H264_IDR = HEX.parseHex("6588840af2628000a7be");
  private static final byte[] START_CODE = {0, 0, 0, 1};
  private static final int OPUS_SILENCE_LENGTH = 80;
  private static final int G711_LENGTH = 160;

  private SifPayloads() {}

  /** Whether {@code b[off, off + len)} is one of the known blank payloads. */
  public static boolean isKnown(ByteBuffer b, int off, int len) {
    return equalsAt(b, off, len, VP8_BLANK_KEY)
        || equalsAt(b, off, len, H264_SPS)
        || equalsAt(b, off, len, H264_PPS)
        || equalsAt(b, off, len, H264_IDR)
        || isOpusSilence(b, off, len)
        || (len == OPUS_SILENCE_LENGTH + 1 && (b.get(off) & 0x80) == 0 && isOpusSilence(b, off + 1, len - 1))
        || isRepeated(b, off, len, G711_LENGTH, (byte) 0xFF)
        || isRepeated(b, off, len, G711_LENGTH, (byte) 0xD5)
        || isAnnexBBlank(b, off, len);
  }

  private static boolean isOpusSilence(ByteBuffer b, int off, int len) {
    if (len != OPUS_SILENCE_LENGTH || b.get(off) != (byte) 0xF8 || b.get(off + 1) != (byte) 0xFF
        || b.get(off + 2) != (byte) 0xFE) {
      return false;
    }
    for (int i = 3; i < len; i++) {
      if (b.get(off + i) != 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean isRepeated(ByteBuffer b, int off, int len, int expectedLen, byte value) {
    if (len != expectedLen) {
      return false;
    }
    for (int i = 0; i < len; i++) {
      if (b.get(off + i) != value) {
        return false;
      }
    }
    return true;
  }

  /** {@code 00000001 SPS 00000001 PPS 00000001 IDR}, or {@code 00000001 IDR}. */
  private static boolean isAnnexBBlank(ByteBuffer b, int off, int len) {
    int idrOnly = START_CODE.length + H264_IDR.length;
    if (len == idrOnly) {
      return prefixAt(b, off, START_CODE) && prefixAt(b, off + 4, H264_IDR);
    }
    int full = 3 * START_CODE.length + H264_SPS.length + H264_PPS.length + H264_IDR.length;
    if (len != full) {
      return false;
    }
    int p = off;
    if (!prefixAt(b, p, START_CODE) || !prefixAt(b, p + 4, H264_SPS)) {
      return false;
    }
    p += 4 + H264_SPS.length;
    if (!prefixAt(b, p, START_CODE) || !prefixAt(b, p + 4, H264_PPS)) {
      return false;
    }
    p += 4 + H264_PPS.length;
    return prefixAt(b, p, START_CODE) && prefixAt(b, p + 4, H264_IDR);
  }

  private static boolean equalsAt(ByteBuffer b, int off, int len, byte[] expected) {
    return len == expected.length && prefixAt(b, off, expected);
  }

  private static boolean prefixAt(ByteBuffer b, int off, byte[] expected) {
    for (int i = 0; i < expected.length; i++) {
      if (b.get(off + i) != expected[i]) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code b[off, off + len)} ends with {@code trailer} (non-empty). */
  public static boolean endsWith(ByteBuffer b, int off, int len, byte[] trailer) {
    if (trailer.length == 0 || len < trailer.length) {
      return false;
    }
    return prefixAt(b, off + len - trailer.length, trailer);
  }
}
