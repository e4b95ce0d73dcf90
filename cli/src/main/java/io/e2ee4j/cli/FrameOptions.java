package io.e2ee4j.cli;

import io.e2ee4j.api.media.MediaKind;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * FRAMEOPTS: {@code [--codec opus|vp8|vp9|h264|h265|av1|unknown] [--kind audio|video]
 * [--keyframe]}. The kind defaults to audio for opus, else video; without {@code --keyframe} a
 * video frame is a delta frame. {@code unknown} (the default) gives the frame no MIME type, so
 * video is classified from its bytes as LiveKit JS does.
 */
final class FrameOptions {

  /** The codecs a frame can be marked with. */
  enum Codec {
    OPUS("audio/opus"),
    VP8("video/VP8"),
    VP9("video/VP9"),
    H264("video/H264"),
    H265("video/H265"),
    AV1("video/AV1"),
    UNKNOWN(null);

    final String mimeType;

    Codec(String mimeType) {
      this.mimeType = mimeType;
    }

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The media kinds. */
  enum Kind {
    AUDIO,
    VIDEO
  }

  @Option(names = "--codec", paramLabel = "opus|vp8|vp9|h264|h265|av1|unknown",
      description = "The frame's codec. Default: unknown (no MIME type: video is classified from its bytes).")
  Codec codec;

  @Option(names = "--kind", paramLabel = "audio|video",
      description = "Media kind. Default: audio for opus, else video.")
  Kind kind;

  @Option(names = "--keyframe", description = "A video key frame (without it: a delta frame).")
  boolean keyframe;

  /** The frame's description, resolved. */
  record Frame(MediaKind kind, Codec codec, boolean keyFrame) {
    String mimeTypeOrNull() {
      return codec.mimeType;
    }

    String describe() {
      if (kind == MediaKind.AUDIO) {
        return "audio" + (codec == Codec.UNKNOWN ? "" : " " + codec.label());
      }
      return "video " + (codec == Codec.UNKNOWN ? "(codec unknown)" : codec.label()) + ", "
          + (keyFrame ? "key frame" : "delta frame");
    }
  }

  /**
   * The frame kind, codec and type.
   *
   * @throws UsageException for an impossible mix (opus video, a video codec as audio, an audio key frame)
   */
  Frame resolve() {
    Codec c = codec != null ? codec : Codec.UNKNOWN;
    MediaKind k;
    if (kind != null) {
      k = kind == Kind.AUDIO ? MediaKind.AUDIO : MediaKind.VIDEO;
    } else {
      k = c == Codec.OPUS ? MediaKind.AUDIO : MediaKind.VIDEO;
    }
    if (k == MediaKind.VIDEO && c == Codec.OPUS) {
      throw new UsageException("--codec opus is an audio codec; it cannot go with --kind video");
    }
    if (k == MediaKind.AUDIO && c != Codec.OPUS && c != Codec.UNKNOWN) {
      throw new UsageException("--codec " + c.label() + " is a video codec; it cannot go with --kind audio");
    }
    if (k == MediaKind.AUDIO && keyframe) {
      throw new UsageException("--keyframe applies to video frames only, not to audio");
    }
    return new Frame(k, c, keyframe);
  }
}
