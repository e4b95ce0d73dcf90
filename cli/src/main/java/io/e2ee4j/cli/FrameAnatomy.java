package io.e2ee4j.cli;

import io.e2ee4j.api.media.FrameDropReason;
import io.e2ee4j.api.media.MediaKind;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A frame described in words for {@code frame inspect}, following LiveKit's layout (spec sections
 * 1.1 to 1.10): the LKTS and SIF trailers, the clear header the codec rules give (with the NAL units,
 * VP8 frame tag or Opus TOC it holds), the RBSP escaping, and the E2EE trailer (IV, IV length, key
 * index). It only describes: whether the frame decrypts is left to the library's cryptor.
 *
 * <p>The clear-header rules are re-stated here from the spec because transport-webrtc keeps its
 * own in an internal package.
 */
final class FrameAnatomy {

  /** The SIF trailer Android and Swift use until the server sends its own. */
  static final byte[] DEFAULT_SIF_TRAILER = "LK-ROCKS".getBytes(StandardCharsets.US_ASCII);

  private static final int IV_LENGTH = 12;
  private static final int TAG_LENGTH = 16;
  private static final int MAX_HEX_SHOWN = 48;

  private final List<String> lines = new ArrayList<>();
  private boolean sifFrame;
  private boolean metadataTrailer;
  private int trailerKeyIndex = -1;
  private String headerRule = "";

  private FrameAnatomy() {}

  List<String> lines() {
    return lines;
  }

  /** Whether the frame ends with the SIF trailer (then nothing after the SIF line was analysed). */
  boolean sifFrame() {
    return sifFrame;
  }

  /** Whether a well-formed LKTS trailer ends the (video) frame. */
  boolean hasMetadataTrailer() {
    return metadataTrailer;
  }

  /** Likely causes of a drop, in words, for the user to check. */
  List<String> hintsFor(FrameDropReason reason, int slot) {
    List<String> hints = new ArrayList<>();
    switch (reason) {
      case MISSING_KEY:
        hints.add("hint: the frame names key index " + trailerKeyIndex + ", the key options filled slot " + slot
            + ": give the sender's key with --key-index " + Math.max(trailerKeyIndex, 0));
        break;
      case AUTHENTICATION_FAILED:
        hints.add("hint: a wrong key (passphrase or material, --kdf, --salt, --key-size, --ratchet), a clear header"
            + " other than the sender's (" + headerRule + "; check --codec, --kind, --keyframe), or a modified"
            + " frame; if the sender ratcheted, try --ratchet-window N");
        break;
      case MALFORMED_TRAILER:
        hints.add("hint: no E2EE trailer where the clear-header rule (" + headerRule + ") puts it: is the frame"
            + " encrypted, and are --codec, --kind and --keyframe the sender's?");
        break;
      default:
        break;
    }
    return hints;
  }

  /**
   * Describes {@code frame}.
   *
   * @param sif the SIF trailer to look for (empty: none)
   * @param sifGiven whether the user gave it (else it is LiveKit's usual default)
   */
  static FrameAnatomy of(byte[] frame, FrameOptions.Frame f, byte[] sif, boolean sifGiven) {
    FrameAnatomy a = new FrameAnatomy();
    a.describe(frame, f, sif, sifGiven);
    return a;
  }

  private void describe(byte[] frame, FrameOptions.Frame f, byte[] sif, boolean sifGiven) {
    int len = frame.length;
    lines.add("frame: " + len + " bytes, " + f.describe());
    int lkts = metadataTrailerLength(frame, len);
    if (lkts > 0) {
      if (f.kind() == MediaKind.VIDEO) {
        metadataTrailer = true;
        lines.add("LKTS trailer: the last " + lkts + " bytes are LiveKit frame metadata ("
            + describeMetadata(frame, len, lkts) + "), in clear; receivers that expect it strip it first");
        len -= lkts;
      } else {
        lines.add("note: ends like an LKTS trailer, but LiveKit reads those on video frames only");
      }
    }
    if (len == 0) {
      lines.add("empty frame: never encrypted; receivers pass it on");
      return;
    }
    if (sif.length > 0 && endsWith(frame, len, sif)) {
      sifFrame = true;
      lines.add("SIF trailer: ends with " + HexBytes.format(sif) + printable(sif)
          + (sifGiven ? "" : " (LiveKit's usual trailer)") + ": a server-injected frame; the " + (len - sif.length)
          + " bytes before it are not encrypted");
      return;
    }

    int n;
    boolean nal = false;
    if (f.kind() == MediaKind.AUDIO) {
      n = 1;
      headerRule = "audio: 1 clear byte";
      lines.add("clear header: 1 byte " + HexBytes.format(frame, 0, 1) + ", the Opus TOC: " + opusToc(frame[0] & 0xFF));
    } else if (f.codec() == FrameOptions.Codec.AV1) {
      n = 0;
      headerRule = "AV1: no clear bytes";
      lines.add("clear header: none (AV1: LiveKit JS refuses to encrypt it; native SDKs and e2ee4j decrypt it with"
          + " no clear bytes)");
    } else if (f.codec() == FrameOptions.Codec.VP9) {
      n = 0;
      headerRule = "VP9: no clear bytes";
      lines.add("clear header: none (VP9: the whole frame is encrypted)");
    } else if (f.codec() == FrameOptions.Codec.VP8) {
      n = f.keyFrame() ? 10 : 3;
      headerRule = "VP8 " + (f.keyFrame() ? "key frame: 10" : "delta frame: 3") + " clear bytes";
      lines.add("clear header: " + shown(frame, Math.min(n, len)) + " (" + headerRule + ")");
      lines.add(vp8Tag(frame, len, f.keyFrame()));
    } else {
      NalScan scan = NalScan.of(frame, len);
      if (scan.firstSlice >= 0) {
        n = scan.firstSlice + 2;
        nal = true;
        headerRule = scan.codec + ": up to the first " + (scan.codec.equals("H.264") ? "slice" : "VCL")
            + " NAL unit + 2 bytes";
        lines.add("clear header: " + shown(frame, Math.min(n, len)) + " (" + headerRule + ")");
        lines.add("NAL units (" + scan.codec + "): " + scan.describe());
        String signalled = f.codec() == FrameOptions.Codec.H264 ? "H.264" : f.codec() == FrameOptions.Codec.H265
            ? "H.265" : null;
        if (signalled != null && !signalled.equals(scan.codec)) {
          lines.add("note: the NAL units are " + scan.codec + " although --codec says " + signalled
              + "; LiveKit goes by the bytes");
        }
        if (scan.threeByteStartCodesBefore(n)) {
          lines.add("note: 3-byte start codes in the clear header: LiveKit JS 2.23+ senders send them as 4-byte"
              + " ones, and receivers only ever see 4-byte ones");
        }
      } else {
        n = f.keyFrame() ? 10 : 3;
        headerRule = "no H.264/H.265 slice found, so the VP8 rule: " + n + " clear bytes, no RBSP escaping";
        lines.add("clear header: " + shown(frame, Math.min(n, len)) + " (" + headerRule
            + (scan.leadingData ? "; the bytes do not start with a start code" : "") + ")");
      }
    }
    if (n > len) {
      lines.add("too short: the frame is shorter than its " + n + "-byte clear header");
      return;
    }

    byte[] tail = Arrays.copyOfRange(frame, n, len);
    int escapes = 0;
    if (nal) {
      byte[] plain = unescape(tail);
      escapes = tail.length - plain.length;
      tail = plain;
    }
    if (tail.length < 2) {
      lines.add("no E2EE trailer: " + tail.length + " byte(s) after the clear header");
      return;
    }
    int keyIndex = tail[tail.length - 1] & 0xFF;
    int ivLength = tail[tail.length - 2] & 0xFF;
    if (ivLength != IV_LENGTH) {
      lines.add("E2EE trailer: none: the IV-length byte (second to last, after the clear header) is 0x"
          + String.format("%02x", ivLength) + ", not 0x0c: not a LiveKit gcm frame, or its clear header differs");
      return;
    }
    if (tail.length < 2 + IV_LENGTH + TAG_LENGTH) {
      lines.add("E2EE trailer: too short: " + tail.length + " bytes after the clear header, a LiveKit gcm frame has at"
          + " least " + (2 + IV_LENGTH + TAG_LENGTH));
      return;
    }
    trailerKeyIndex = keyIndex;
    int cipherLength = tail.length - 2 - IV_LENGTH;
    lines.add("encrypted part: " + (len - n) + " bytes" + (nal ? ", RBSP-escaped (" + escapes
        + " emulation-prevention byte(s); " + tail.length + " after un-escaping)" : ""));
    lines.add("ciphertext: " + cipherLength + " bytes (" + (cipherLength - TAG_LENGTH)
        + " of payload + 16-byte GCM tag)");
    byte[] iv = Arrays.copyOfRange(tail, cipherLength, cipherLength + IV_LENGTH);
    lines.add("IV: " + HexBytes.format(iv) + ivLayout(iv));
    lines.add("IV length: 12 (0x0c)");
    lines.add("key index: " + keyIndex);
  }

  // ---- VP8, Opus, IV ----

  private static String vp8Tag(byte[] b, int len, boolean keyFrameGiven) {
    if (len < 3) {
      return "VP8 frame tag: missing (fewer than 3 bytes)";
    }
    int tag = (b[0] & 0xFF) | (b[1] & 0xFF) << 8 | (b[2] & 0xFF) << 16;
    boolean key = (tag & 1) == 0;
    StringBuilder sb = new StringBuilder("VP8 frame tag: ").append(key ? "key frame" : "interframe")
        .append(", version ").append((tag >> 1) & 7)
        .append((tag >> 4 & 1) == 1 ? ", shown" : ", not shown")
        .append(", first partition ").append(tag >>> 5).append(" bytes");
    if (key && len >= 10) {
      boolean startCode = (b[3] & 0xFF) == 0x9d && (b[4] & 0xFF) == 0x01 && (b[5] & 0xFF) == 0x2a;
      sb.append(startCode ? "; start code 9d012a; " : "; start code missing (expected 9d012a); ")
          .append(((b[6] & 0xFF) | (b[7] & 0xFF) << 8) & 0x3FFF).append('x')
          .append(((b[8] & 0xFF) | (b[9] & 0xFF) << 8) & 0x3FFF);
    }
    if (key != keyFrameGiven) {
      sb.append("; note: the tag says ").append(key ? "key frame" : "interframe").append(" but ")
          .append(keyFrameGiven ? "--keyframe was given" : "--keyframe was not given")
          .append(": LiveKit takes the type the encoder or depacketizer reports, which decides 10 or 3 clear bytes");
    }
    return sb.toString();
  }

  private static String opusToc(int toc) {
    int config = toc >> 3;
    String mode;
    String bandwidth;
    String duration;
    if (config < 12) {
      mode = "SILK";
      bandwidth = new String[] {"narrowband", "mediumband", "wideband"}[config / 4];
      duration = new String[] {"10", "20", "40", "60"}[config % 4];
    } else if (config < 16) {
      mode = "hybrid";
      bandwidth = config < 14 ? "super-wideband" : "fullband";
      duration = new String[] {"10", "20"}[config % 2];
    } else {
      mode = "CELT";
      bandwidth = new String[] {"narrowband", "wideband", "super-wideband", "fullband"}[(config - 16) / 4];
      duration = new String[] {"2.5", "5", "10", "20"}[config % 4];
    }
    String frames = new String[] {"1 frame", "2 equal frames", "2 frames", "any number of frames"}[toc & 3];
    return "config " + config + " (" + mode + ", " + bandwidth + ", " + duration + " ms), "
        + ((toc >> 2 & 1) == 1 ? "stereo" : "mono") + ", " + frames;
  }

  private static String ivLayout(byte[] iv) {
    long ssrc = readUnsigned(iv, 0, 4);
    long timestamp = readUnsigned(iv, 4, 4);
    long third = readUnsigned(iv, 8, 4);
    long count = (timestamp - third) & 0xFFFF_FFFFL;
    if (count >= 0xFFFF) {
      return " (not LiveKit's SSRC/timestamp layout: a random or counter IV)";
    }
    return " (read as LiveKit's layout: SSRC " + ssrc + ", RTP timestamp " + timestamp + ", send count "
        + count + " mod 65535)";
  }

  // ---- LKTS (spec section 1.10) ----

  private static int metadataTrailerLength(byte[] b, int len) {
    if (len < 5 || b[len - 4] != 'L' || b[len - 3] != 'K' || b[len - 2] != 'T' || b[len - 1] != 'S') {
      return 0;
    }
    int trailerLength = (b[len - 5] ^ 0xFF) & 0xFF;
    if (trailerLength < 5 || trailerLength > len) {
      return 0;
    }
    boolean known = false;
    int p = len - trailerLength;
    int end = len - 5;
    while (p + 2 <= end) {
      int tag = (b[p] ^ 0xFF) & 0xFF;
      int l = (b[p + 1] ^ 0xFF) & 0xFF;
      if (p + 2 + l > end) {
        break;
      }
      known |= (tag == 1 && l == 8) || (tag == 2 && l == 4) || tag == 3;
      p += 2 + l;
    }
    return known ? trailerLength : 0;
  }

  private static String describeMetadata(byte[] b, int len, int trailerLength) {
    List<String> fields = new ArrayList<>();
    int p = len - trailerLength;
    int end = len - 5;
    while (p + 2 <= end) {
      int tag = (b[p] ^ 0xFF) & 0xFF;
      int l = (b[p + 1] ^ 0xFF) & 0xFF;
      if (p + 2 + l > end) {
        break;
      }
      byte[] value = new byte[l];
      for (int i = 0; i < l; i++) {
        value[i] = (byte) (b[p + 2 + i] ^ 0xFF);
      }
      if (tag == 1 && l == 8) {
        fields.add("user timestamp " + Long.toUnsignedString(readLong(value)) + " us");
      } else if (tag == 2 && l == 4) {
        fields.add("frame id " + readUnsigned(value, 0, 4));
      } else if (tag == 3) {
        fields.add("user data " + HexBytes.format(value));
      } else {
        fields.add("unknown tag " + tag);
      }
      p += 2 + l;
    }
    return String.join(", ", fields);
  }

  // ---- helpers ----

  private static boolean endsWith(byte[] b, int len, byte[] suffix) {
    if (suffix.length > len) {
      return false;
    }
    return Arrays.equals(b, len - suffix.length, len, suffix, 0, suffix.length);
  }

  private static String printable(byte[] bytes) {
    for (byte x : bytes) {
      if (x < 0x20 || x > 0x7e) {
        return "";
      }
    }
    return " (\"" + PeerText.escape(new String(bytes, StandardCharsets.US_ASCII)) + "\")";
  }

  private static String shown(byte[] b, int n) {
    String hex = n <= MAX_HEX_SHOWN ? HexBytes.format(b, 0, n) : HexBytes.format(b, 0, MAX_HEX_SHOWN) + "...";
    return n + " byte" + (n == 1 ? "" : "s") + (n == 0 ? "" : " " + hex);
  }

  private static long readUnsigned(byte[] b, int off, int n) {
    long v = 0;
    for (int i = 0; i < n; i++) {
      v = v << 8 | (b[off + i] & 0xFF);
    }
    return v;
  }

  private static long readLong(byte[] b) {
    long v = 0;
    for (byte x : b) {
      v = v << 8 | (x & 0xFF);
    }
    return v;
  }

  /** Drops each 03 that follows 00 00 (spec section 1.5). */
  static byte[] unescape(byte[] in) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
    int i = 0;
    while (i < in.length) {
      if (i + 2 < in.length && in[i] == 0 && in[i + 1] == 0 && in[i + 2] == 3) {
        out.write(0);
        out.write(0);
        i += 3;
      } else {
        out.write(in[i]);
        i++;
      }
    }
    return out.toByteArray();
  }

  /**
   * LiveKit JS 2.23's Annex B scan (spec section 1.4): NAL units after 3- or 4-byte start codes,
   * counted only if they start before {@code len - 3}; bytes other than zeros before the first
   * start code make it fail. The codec is H.264 if any NAL unit is an H.264 slice, else H.265 if
   * any is an H.265 VCL unit.
   */
  static final class NalScan {
    final List<int[]> units = new ArrayList<>(); // {offset of the NAL header, start-code length}
    private final byte[] bytes;
    boolean leadingData;
    int firstSlice = -1;
    String codec = "";

    private NalScan(byte[] bytes) {
      this.bytes = bytes;
    }

    static NalScan of(byte[] b, int len) {
      NalScan scan = new NalScan(b);
      int limit = len - 3;
      int pos = 0;
      int start = 0;
      int startCode = 0;
      while (pos < limit) {
        while (pos < limit) {
          if (pos < limit - 1 && b[pos] == 0 && b[pos + 1] == 0 && b[pos + 2] == 0 && b[pos + 3] == 1) {
            break;
          }
          if (b[pos] == 0 && b[pos + 1] == 0 && b[pos + 2] == 1) {
            break;
          }
          pos++;
        }
        if (pos >= limit) {
          pos = len;
        }
        if (start == 0) {
          int end = pos;
          while (end > 0 && b[end - 1] == 0) {
            end--;
          }
          if (end != 0) {
            scan.leadingData = true;
            return scan;
          }
        } else {
          scan.units.add(new int[] {start, startCode});
        }
        startCode = pos < len - 3 && b[pos] == 0 && b[pos + 1] == 0 && b[pos + 2] == 0 && b[pos + 3] == 1 ? 4 : 3;
        start = pos = pos + startCode;
      }
      int h264 = -1;
      int h265 = -1;
      for (int[] u : scan.units) {
        int header = b[u[0]] & 0xFF;
        int t264 = header & 0x1F;
        int t265 = header >> 1 & 0x3F;
        if (h264 < 0 && (t264 == 1 || t264 == 5)) {
          h264 = u[0];
        }
        if (h265 < 0 && (t265 <= 9 || (t265 >= 16 && t265 <= 21))) {
          h265 = u[0];
        }
      }
      if (h264 >= 0) {
        scan.firstSlice = h264;
        scan.codec = "H.264";
      } else if (h265 >= 0) {
        scan.firstSlice = h265;
        scan.codec = "H.265";
      }
      return scan;
    }

    boolean threeByteStartCodesBefore(int n) {
      for (int[] u : units) {
        if (u[0] <= n && u[1] == 3) {
          return true;
        }
      }
      return false;
    }

    String describe() {
      List<String> parts = new ArrayList<>();
      for (int[] u : units) {
        int header = bytes[u[0]] & 0xFF;
        String name = codec.equals("H.264") ? h264Name(header & 0x1F) + " (" + (header & 0x1F) + ")"
            : h265Name(header >> 1 & 0x3F) + " (" + (header >> 1 & 0x3F) + ")";
        String where = " at " + u[0];
        if (u[0] == firstSlice) {
          where += ", first " + (codec.equals("H.264") ? "slice" : "VCL unit") + ": the clear header ends 2 bytes in";
        }
        parts.add(name + where);
        if (u[0] >= firstSlice) {
          break; // what follows is encrypted in an encrypted frame
        }
      }
      return String.join(", ", parts);
    }

    private static String h264Name(int type) {
      switch (type) {
        case 1: return "non-IDR slice";
        case 2: return "slice partition A";
        case 3: return "slice partition B";
        case 4: return "slice partition C";
        case 5: return "IDR slice";
        case 6: return "SEI";
        case 7: return "SPS";
        case 8: return "PPS";
        case 9: return "AUD";
        case 10: return "end of sequence";
        case 11: return "end of stream";
        case 12: return "filler";
        case 13: return "SPS extension";
        case 14: return "prefix";
        case 15: return "subset SPS";
        case 19: return "auxiliary slice";
        case 20: return "slice extension";
        default: return "type";
      }
    }

    private static String h265Name(int type) {
      if (type <= 9) {
        return new String[] {"TRAIL_N", "TRAIL_R", "TSA_N", "TSA_R", "STSA_N", "STSA_R", "RADL_N", "RADL_R",
            "RASL_N", "RASL_R"}[type];
      }
      if (type >= 16 && type <= 21) {
        return new String[] {"BLA_W_LP", "BLA_W_RADL", "BLA_N_LP", "IDR_W_RADL", "IDR_N_LP", "CRA"}[type - 16];
      }
      switch (type) {
        case 32: return "VPS";
        case 33: return "SPS";
        case 34: return "PPS";
        case 35: return "AUD";
        case 36: return "end of sequence";
        case 37: return "end of bitstream";
        case 38: return "filler";
        case 39: return "prefix SEI";
        case 40: return "suffix SEI";
        default: return "type";
      }
    }
  }
}
