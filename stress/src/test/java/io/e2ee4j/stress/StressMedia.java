package io.e2ee4j.stress;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import java.util.zip.CRC32;

/**
 * Synthetic encoded frames whose every byte a receiver can recompute, so a test can check that a
 * decrypted frame is exactly the frame that was sent, without keeping a copy of each frame.
 *
 * <p>Layout: the codec's clear header (Opus: one TOC byte; VP8: the 3-byte frame tag, plus start
 * code and size for a key frame, 10 bytes), then {@code MAGIC(4) sender(4) track(1) seq(8)
 * sendNanos(8) crc32(4)} and a body drawn from a generator seeded with (sender, track, seq). The
 * CRC covers every byte but itself. Opus frames are about 100 bytes, VP8 delta frames about 1 KB,
 * VP8 key frames about 10 KB.
 *
 * <p>Stateless and thread-safe.
 */
final class StressMedia {

  static final int MAGIC = 0x53545253; // "STRS"
  static final int AUDIO = 0;
  static final int VIDEO = 1;
  static final String OPUS = "audio/opus";
  static final String VP8 = "video/VP8";
  private static final int FIELDS = 4 + 4 + 1 + 8 + 8;
  private static final int CRC_AT = FIELDS; // relative to the end of the clear header

  private StressMedia() {}

  /** The frame {@code sender} sends as its {@code seq}th frame of {@code track}. */
  static byte[] frame(int sender, int track, long seq, boolean keyFrame, long sendNanos) {
    SplittableRandom random = new SplittableRandom(seed(sender, track, seq));
    int header;
    int length;
    if (track == AUDIO) {
      header = 1;
      length = 90 + random.nextInt(21);
    } else {
      header = keyFrame ? 10 : 3;
      length = keyFrame ? 9_500 + random.nextInt(1_000) : 800 + random.nextInt(400);
    }
    byte[] frame = new byte[length];
    ByteBuffer b = ByteBuffer.wrap(frame);
    if (track == AUDIO) {
      b.put((byte) 0x78); // Opus TOC: config 15 (hybrid fullband 20 ms), mono, one frame
    } else {
      int body = length - 10;
      int tag = (body << 5) | (1 << 4) | (keyFrame ? 0 : 1);
      b.put((byte) tag).put((byte) (tag >>> 8)).put((byte) (tag >>> 16));
      if (keyFrame) {
        b.put((byte) 0x9d).put((byte) 0x01).put((byte) 0x2a).put((byte) 0x80).put((byte) 0x02)
            .put((byte) 0xe0).put((byte) 0x01); // start code, 640x480
      }
    }
    b.putInt(MAGIC).putInt(sender).put((byte) track).putLong(seq).putLong(sendNanos).putInt(0);
    byte[] body = new byte[length - b.position()];
    random.nextBytes(body);
    b.put(body);
    CRC32 crc = new CRC32();
    crc.update(frame, 0, header + CRC_AT);
    crc.update(frame, header + CRC_AT + 4, length - header - CRC_AT - 4);
    ByteBuffer.wrap(frame).putInt(header + CRC_AT, (int) crc.getValue());
    return frame;
  }

  /**
   * Whether {@code out[offset, offset + length)} is exactly the frame the sender sent: the embedded
   * sender and sequence are the expected ones, the CRC matches, and every byte equals the
   * recomputed frame.
   */
  static boolean isExactly(ByteBuffer out, int offset, int length, int sender, int track, long seq,
      boolean keyFrame, long sendNanos) {
    byte[] expected = frame(sender, track, seq, keyFrame, sendNanos);
    if (length != expected.length) {
      return false;
    }
    int header = track == AUDIO ? 1 : keyFrame ? 10 : 3;
    if (out.getInt(offset + header) != MAGIC || out.getInt(offset + header + 4) != sender
        || out.getLong(offset + header + 9) != seq) {
      return false;
    }
    return out.slice(offset, length).equals(ByteBuffer.wrap(expected));
  }

  private static long seed(int sender, int track, long seq) {
    return (((long) sender) << 40) ^ ((long) track << 36) ^ seq * 0x9E3779B97F4A7C15L;
  }
}
