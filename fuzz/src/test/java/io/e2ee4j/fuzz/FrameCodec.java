package io.e2ee4j.fuzz;

import io.e2ee4j.api.ParticipantId;
import io.e2ee4j.api.media.EncodedFrame;
import io.e2ee4j.api.media.MediaKind;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * The codecs a frame target receives, how a received frame names its codec, and the plaintext
 * frames (as an encoder writes them) that the seed corpus encrypts. Plaintexts are deterministic:
 * the same on every run, so a DECRYPTED output can be checked against them.
 *
 * <p>A fuzz input for a frame target is {@code flags || frame}: bit 0 of {@code flags} says key
 * frame; the other bits are ignored.
 */
enum FrameCodec {
  OPUS(MediaKind.AUDIO, "audio/opus"),
  VP8(MediaKind.VIDEO, "video/VP8"),
  VP9(MediaKind.VIDEO, "video/VP9"),
  H264(MediaKind.VIDEO, "video/H264"),
  H265(MediaKind.VIDEO, "video/H265"),
  /** LiveKit native sends AV1 with no clear header (N = 0), the VP9 layout; e2ee4j only receives it. */
  AV1(MediaKind.VIDEO, "video/AV1"),
  /** No codec on the frame or the track: the receiver scans for NAL units, else takes the VP8 rule. */
  UNKNOWN(MediaKind.VIDEO, null);

  private static final HexFormat HEX = HexFormat.of();

  final MediaKind kind;
  final String mimeType;

  FrameCodec(MediaKind kind, String mimeType) {
    this.kind = kind;
    this.mimeType = mimeType;
  }

  /** The codec a sender encrypts these frames as: AV1's layout is VP9's. */
  FrameCodec sendAs() {
    return this == AV1 ? VP9 : this;
  }

  /** The frame a fuzz input describes, as {@link FuzzRoom#SENDER}'s track delivers it. */
  EncodedFrame frame(byte[] input) {
    boolean keyFrame = input.length > 0 && (input[0] & 1) != 0;
    ByteBuffer payload = ByteBuffer.wrap(input, Math.min(1, input.length), Math.max(0, input.length - 1)).slice();
    return frame(payload, keyFrame);
  }

  EncodedFrame frame(ByteBuffer payload, boolean keyFrame) {
    ParticipantId sender = FuzzRoom.SENDER;
    return kind == MediaKind.AUDIO
        ? EncodedFrame.audio(payload, mimeType, 0x1234, 90_000, sender)
        : EncodedFrame.video(payload, mimeType, keyFrame, 0x1234, 90_000, sender);
  }

  /** A fuzz input: {@code flags || frame}. */
  static byte[] input(boolean keyFrame, ByteBuffer frame) {
    byte[] input = new byte[1 + frame.remaining()];
    input[0] = (byte) (keyFrame ? 1 : 0);
    frame.duplicate().get(input, 1, frame.remaining());
    return input;
  }

  /** A plaintext frame and whether it is a key frame. */
  record Plain(byte[] bytes, boolean keyFrame) {}

  /** The plaintext frames of this codec that the seeds encrypt: key and delta frames, short and long. */
  List<Plain> plaintexts() {
    Random random = new Random(0xE2EE4A + ordinal());
    List<Plain> frames = new ArrayList<>();
    switch (this) {
      case OPUS:
        frames.add(new Plain(concat(hex("78"), noise(random, 60)), false));
        frames.add(new Plain(hex("fc"), false)); // a TOC byte alone: nothing to encrypt
        frames.add(new Plain(concat(hex("f8fffe"), new byte[77]), false));
        break;
      case VP8:
        frames.add(new Plain(concat(hex("1002009d012a80026801"), noise(random, 90)), true));
        frames.add(new Plain(concat(hex("310500"), noise(random, 40)), false));
        frames.add(new Plain(hex("3105000a"), false));
        break;
      case VP9:
      case AV1:
        frames.add(new Plain(concat(hex("824983420013f0"), noise(random, 70)), true));
        frames.add(new Plain(concat(hex("86"), noise(random, 30)), false));
        break;
      case H264:
        frames.add(new Plain(concat(hex("000000016742c01f0fd91f88"), hex("0000000168cb83cb20"),
            hex("0000000165888410"), escapeBait(random, 80)), true));
        frames.add(new Plain(concat(hex("00000001419a2410"), escapeBait(random, 50)), false));
        frames.add(new Plain(concat(hex("000001419a"), noise(random, 20)), false)); // 3-byte start code
        break;
      case H265:
        frames.add(new Plain(concat(hex("0000000140010c01"), hex("0000000142010101"), hex("000000014401c172"),
            hex("000000012601af0c"), escapeBait(random, 80)), true));
        frames.add(new Plain(concat(hex("000000010201d004"), escapeBait(random, 40)), false));
        break;
      case UNKNOWN:
        frames.add(new Plain(concat(hex("00000001419a2410"), escapeBait(random, 30)), false));
        frames.add(new Plain(concat(hex("1002009d012a80026801"), noise(random, 30)), true));
        frames.add(new Plain(concat(hex("310500"), noise(random, 30)), false));
        break;
      default:
        throw new AssertionError(this);
    }
    return frames;
  }

  private static byte[] hex(String h) {
    return HEX.parseHex(h);
  }

  private static byte[] noise(Random random, int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    for (int i = 0; i < n; i++) {
      if (b[i] == 0) {
        b[i] = 1; // no accidental start codes in VP8/VP9/Opus noise
      }
    }
    return b;
  }

  /** Slice data with runs of zeros followed by 00..03, which H.264/H.265 escaping must protect. */
  private static byte[] escapeBait(Random random, int n) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (out.size() < n) {
      out.writeBytes(noise(random, 1 + random.nextInt(6)));
      out.write(0);
      out.write(0);
      out.write(random.nextInt(4));
    }
    out.write(0x80); // rbsp trailing bits: a slice never ends in zeros
    return out.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
