package io.e2ee4j.interop;

import com.google.gson.JsonObject;
import io.e2ee4j.api.ParticipantId;
import io.e2ee4j.api.media.EncodedFrame;
import io.e2ee4j.api.media.MediaKind;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One plaintext media frame of one codec case (spec sections 1.3-1.5, 1.9), with the bytes a
 * receiver must get back: the same bytes, except that H.264/H.265 clear headers come back with
 * 4-byte start codes (spec section 1.4 step 5).
 *
 * @param family the codec case; also the track id, so each case has its own cryptor on both sides
 * @param mimeType the codec as the frame's metadata names it, null for "unknown codec"
 * @param rbspEdge whether the frame's SSRC/timestamp make LiveKit's IV layout need escaping
 */
record FrameCase(String family, MediaKind kind, String mimeType, boolean keyFrame, int ssrc, int timestamp,
    byte[] plaintext, byte[] expected, boolean rbspEdge) {

  private static final HexFormat HEX = HexFormat.of();
  private static final byte[] START4 = {0, 0, 0, 1};
  private static final byte[] START3 = {0, 0, 1};

  /** The codec cases, in order; each produces frames from {@link #generate}. */
  static final List<String> FAMILIES = List.of(
      "opus", "vp8-key", "vp8-delta", "vp9-key", "vp9-delta",
      "h264-idr-single-slice", "h264-non-idr", "h264-aud-sei-two-slices", "h264-3byte-startcodes",
      "h264-rbsp-ssrc-00000001", "h265-idr", "h265-trail",
      "unknown-h264-bytes", "unknown-vp8-rule-key", "unknown-vp8-rule-delta");

  /** A frame of {@code family} from {@code r}. */
  static FrameCase generate(String family, SplittableRandom r) {
    int ssrc = r.nextInt();
    int ts = r.nextInt();
    switch (family) {
      case "opus":
        return same(family, MediaKind.AUDIO, "audio/opus", false, ssrc, ts, concat(bytes(r, 1), payload(r, 20, 160)));
      case "vp8-key":
        return same(family, MediaKind.VIDEO, "video/VP8", true, ssrc, ts, payload(r, 12, 300));
      case "vp8-delta":
        return same(family, MediaKind.VIDEO, "video/VP8", false, ssrc, ts, payload(r, 4, 200));
      case "vp9-key":
        return same(family, MediaKind.VIDEO, "video/VP9", true, ssrc, ts, payload(r, 1, 300));
      case "vp9-delta":
        return same(family, MediaKind.VIDEO, "video/VP9", false, ssrc, ts, payload(r, 1, 200));
      case "h264-idr-single-slice":
        return nal(family, "video/H264", true, ssrc, ts,
            List.of(n4(0x67, r, 8), n4(0x68, r, 3), n4(0x65, r, 20, 300)));
      case "h264-non-idr":
        return nal(family, "video/H264", false, ssrc, ts, List.of(n4(0x41, r, 10, 250)));
      case "h264-aud-sei-two-slices":
        return nal(family, "video/H264", true, ssrc, ts, List.of(
            new Nal(START4, new byte[] {0x09, (byte) 0xf0}), n4(0x06, r, 6), n4(0x67, r, 8), n4(0x68, r, 3),
            n4(0x65, r, 20, 200), n4(0x65, r, 20, 200)));
      case "h264-3byte-startcodes":
        // Every start code 3 bytes; the receiver gets those in the clear header as 4-byte ones, and
        // the second slice's (encrypted) start code as sent.
        return nal(family, "video/H264", true, ssrc, ts, List.of(
            n3(0x67, r, 8), n3(0x68, r, 3), n3(0x65, r, 20, 200), n3(0x65, r, 20, 200)));
      case "h264-rbsp-ssrc-00000001":
        // SSRC 1 and small timestamps: LiveKit's IV starts 00 00 00 01 00 00 0x, which RBSP escaping rewrites.
        return nal(family, "video/H264", r.nextBoolean(), 1, r.nextInt(4), List.of(n4(0x65, r, 10, 120)), true);
      case "h265-idr":
        return nal(family, "video/H265", true, ssrc, ts, List.of(
            n4h(0x40, r, 8), n4h(0x42, r, 10), n4h(0x44, r, 4), n4h(0x26, r, 20, 300)));
      case "h265-trail":
        return nal(family, "video/H265", false, ssrc, ts, List.of(n4h(0x02, r, 10, 250)));
      case "unknown-h264-bytes":
        return nal(family, null, true, ssrc, ts, List.of(n4(0x67, r, 8), n4(0x68, r, 3), n4(0x65, r, 20, 200)));
      case "unknown-vp8-rule-key":
        return same(family, MediaKind.VIDEO, null, true, ssrc, ts, payload(r, 12, 200));
      case "unknown-vp8-rule-delta":
        return same(family, MediaKind.VIDEO, null, false, ssrc, ts, payload(r, 4, 200));
      default:
        throw new IllegalArgumentException(family);
    }
  }

  /** The frame as e2ee4j's transport sees it. */
  EncodedFrame encodedFrame(byte[] data, ParticipantId sender) {
    return new EncodedFrame(ByteBuffer.wrap(data), kind, mimeType, keyFrame, ssrc, timestamp, sender, null);
  }

  /** The frame as the harness wants it: metadata like an RTCEncoded{Audio,Video}Frame's. */
  JsonObject json(byte[] data) {
    JsonObject f = new JsonObject();
    f.addProperty("trackId", family);
    f.addProperty("kind", kind == MediaKind.AUDIO ? "audio" : "video");
    if (kind == MediaKind.VIDEO) {
      f.addProperty("frameType", keyFrame ? "key" : "delta");
    }
    if (mimeType != null) {
      f.addProperty("mimeType", mimeType);
    }
    f.addProperty("ssrc", Integer.toUnsignedLong(ssrc));
    f.addProperty("timestamp", Integer.toUnsignedLong(timestamp));
    f.addProperty("dataHex", HEX.formatHex(data));
    return f;
  }

  /** A recorded frame (from the committed vectors): its metadata and the bytes a receiver must get. */
  static FrameCase fromVector(JsonObject f) {
    String mime = f.has("mimeType") ? f.get("mimeType").getAsString() : null;
    MediaKind kind = "audio".equals(f.get("kind").getAsString()) ? MediaKind.AUDIO : MediaKind.VIDEO;
    boolean key = f.has("frameType") && "key".equals(f.get("frameType").getAsString());
    byte[] expected = HEX.parseHex(f.get("expectedHex").getAsString());
    byte[] plaintext = HEX.parseHex(f.get("plaintextHex").getAsString());
    return new FrameCase(f.get("trackId").getAsString(), kind, mime, key, (int) f.get("ssrc").getAsLong(),
        (int) f.get("timestamp").getAsLong(), plaintext, expected, false);
  }

  // ---- building blocks ----

  private record Nal(byte[] startCode, byte[] body) {}

  private static FrameCase same(String family, MediaKind kind, String mime, boolean key, int ssrc, int ts, byte[] data) {
    return new FrameCase(family, kind, mime, key, ssrc, ts, data, data, false);
  }

  private static FrameCase nal(String family, String mime, boolean key, int ssrc, int ts, List<Nal> nals) {
    return nal(family, mime, key, ssrc, ts, nals, false);
  }

  /**
   * Writes the NAL units as sent and as a receiver gets them back: start codes up to and including
   * the first slice's become 4-byte ones (that part is the clear header); later ones are as sent.
   */
  private static FrameCase nal(String family, String mime, boolean key, int ssrc, int ts, List<Nal> nals,
      boolean rbspEdge) {
    ByteArrayOutputStream sent = new ByteArrayOutputStream();
    ByteArrayOutputStream back = new ByteArrayOutputStream();
    boolean sliceSeen = false;
    for (Nal n : nals) {
      sent.writeBytes(n.startCode());
      sent.writeBytes(n.body());
      back.writeBytes(sliceSeen ? n.startCode() : START4);
      back.writeBytes(n.body());
      sliceSeen |= isSlice(mime, n.body());
    }
    return new FrameCase(family, MediaKind.VIDEO, mime, key, ssrc, ts, sent.toByteArray(), back.toByteArray(), rbspEdge);
  }

  private static boolean isSlice(String mime, byte[] body) {
    if ("video/H265".equals(mime)) {
      int t = (body[0] >> 1) & 0x3f;
      return t <= 9 || (t >= 16 && t <= 21);
    }
    int t = body[0] & 0x1f;
    return t == 1 || t == 5;
  }

  private static Nal n4(int header, SplittableRandom r, int min, int max) {
    return new Nal(START4, concat(new byte[] {(byte) header}, payload(r, min, max)));
  }

  private static Nal n4(int header, SplittableRandom r, int len) {
    return n4(header, r, len, len + 1);
  }

  private static Nal n3(int header, SplittableRandom r, int len) {
    return new Nal(START3, concat(new byte[] {(byte) header}, payload(r, len, len + 1)));
  }

  private static Nal n3(int header, SplittableRandom r, int min, int max) {
    return new Nal(START3, concat(new byte[] {(byte) header}, payload(r, min, max)));
  }

  /** An H.265 NAL unit: two header bytes (type byte, then layer/TID byte 01). */
  private static Nal n4h(int typeByte, SplittableRandom r, int min, int max) {
    return new Nal(START4, concat(new byte[] {(byte) typeByte, 0x01}, payload(r, min, max)));
  }

  private static Nal n4h(int typeByte, SplittableRandom r, int len) {
    return n4h(typeByte, r, len, len + 1);
  }

  /**
   * Random bytes of length in [min, max) as an encoder's output would look after emulation
   * prevention: never two zero bytes in a row (so no start code appears inside), never starting or
   * ending with 0.
   */
  static byte[] payload(SplittableRandom r, int min, int max) {
    byte[] b = new byte[min + r.nextInt(Math.max(1, max - min))];
    for (int i = 0; i < b.length; i++) {
      int v = r.nextInt(256);
      if (v == 0 && (i == 0 || b[i - 1] == 0)) {
        v = 1 + r.nextInt(255);
      }
      b[i] = (byte) v;
    }
    if (b.length > 0 && b[b.length - 1] == 0) {
      b[b.length - 1] = (byte) (1 + r.nextInt(255)); // a NAL unit ends in its stop bit, never in 00
    }
    return b;
  }

  private static byte[] bytes(SplittableRandom r, int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) r.nextInt(256);
    }
    return b;
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      o.writeBytes(p);
    }
    return o.toByteArray();
  }

  /** {@code perFamily} frames of every family, in family order. */
  static List<FrameCase> all(SplittableRandom r, int perFamily) {
    List<FrameCase> out = new ArrayList<>();
    for (String family : FAMILIES) {
      for (int i = 0; i < perFamily; i++) {
        out.add(generate(family, r));
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return family + "[" + plaintext.length + " bytes, ssrc=" + Integer.toUnsignedString(ssrc) + ", ts="
        + Integer.toUnsignedString(timestamp) + "]";
  }
}
