package io.e2ee4j.examples;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Synthetic encoded frames with the codec headers real encoders write, so the frame cryptor's
 * codec rules (which leading bytes stay clear) meet what they meet in a call. The bodies are
 * random, not decodable media, and start with a plaintext marker the room later searches the
 * forwarded bytes for.
 *
 * <ul>
 *   <li>Opus: one TOC byte (RFC 6716 section 3.1), {@code 0x78}: configuration 15 (hybrid,
 *       fullband, 20 ms), mono, one frame.
 *   <li>VP8: the frame tag of RFC 6386 section 9.1 (3 bytes: key/inter flag, version 0, shown,
 *       first-partition size); a key frame adds the start code {@code 9d 01 2a} and 640x480.
 *   <li>H.264: Annex B with 4-byte start codes; a key frame is SPS (Baseline, level 3.1), PPS and an
 *       IDR slice (NAL type 5), a delta frame one non-IDR slice (NAL type 1).
 * </ul>
 *
 * <p>Bodies never contain a zero byte, so no H.264 start code or emulation-prevention pattern
 * appears inside a slice. Not thread-safe (the random source); one instance per sender.
 */
final class RoomMedia {

  /** Every plaintext body starts with these bytes; they must never cross the SFU. */
  static final String MARKER = "e2ee4j-plaintext:";

  static final byte OPUS_TOC = 0x78;
  private static final byte[] START_CODE = {0, 0, 0, 1};
  private static final byte[] SPS = hex("6742c01f8c8d40501e9008");
  private static final byte[] PPS = hex("68ce3c80");
  private static final byte[] IDR_SLICE_HEADER = hex("6588");
  private static final byte[] NON_IDR_SLICE_HEADER = hex("419a");

  private final Random random;

  RoomMedia(long seed) {
    this.random = new Random(seed);
  }

  /** An Opus frame: TOC byte and a body of about 60-120 bytes. */
  byte[] opus(String label) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(OPUS_TOC);
    out.writeBytes(body(label, 60 + random.nextInt(60)));
    return out.toByteArray();
  }

  /** A VP8 frame: the 3-byte frame tag, for a key frame the 7 bytes after it, then the body. */
  byte[] vp8(boolean keyFrame, String label) {
    byte[] body = body(label, keyFrame ? 900 + random.nextInt(200) : 200 + random.nextInt(200));
    int firstPartitionSize = Math.min(body.length, 0x7ffff);
    int tag = (firstPartitionSize << 5) | (1 << 4) /* show_frame */ | (0 << 1) /* version */ | (keyFrame ? 0 : 1);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag & 0xff);
    out.write((tag >>> 8) & 0xff);
    out.write((tag >>> 16) & 0xff);
    if (keyFrame) {
      out.writeBytes(new byte[] {(byte) 0x9d, 0x01, 0x2a});
      out.writeBytes(new byte[] {(byte) 0x80, 0x02}); // width 640, scale 0, little endian
      out.writeBytes(new byte[] {(byte) 0xe0, 0x01}); // height 480
    }
    out.writeBytes(body);
    return out.toByteArray();
  }

  /** An H.264 access unit in Annex B: SPS, PPS and IDR slice for a key frame, else a non-IDR slice. */
  byte[] h264(boolean keyFrame, String label) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (keyFrame) {
      out.writeBytes(START_CODE);
      out.writeBytes(SPS);
      out.writeBytes(START_CODE);
      out.writeBytes(PPS);
      out.writeBytes(START_CODE);
      out.writeBytes(IDR_SLICE_HEADER);
      out.writeBytes(body(label, 1000 + random.nextInt(200)));
    } else {
      out.writeBytes(START_CODE);
      out.writeBytes(NON_IDR_SLICE_HEADER);
      out.writeBytes(body(label, 200 + random.nextInt(200)));
    }
    return out.toByteArray();
  }

  /** The marker, the label, then random non-zero bytes, {@code length} bytes in all (at least the text). */
  private byte[] body(String label, int length) {
    byte[] text = (MARKER + label + ":").getBytes(StandardCharsets.US_ASCII);
    byte[] body = new byte[Math.max(length, text.length)];
    System.arraycopy(text, 0, body, 0, text.length);
    for (int i = text.length; i < body.length; i++) {
      body[i] = (byte) (1 + random.nextInt(255));
    }
    return body;
  }

  private static byte[] hex(String s) {
    return java.util.HexFormat.of().parseHex(s);
  }
}
