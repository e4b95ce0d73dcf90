package io.e2ee4j.transport.webrtc.internal;

/** Video codecs the clear-header rules tell apart (spec section 1.3). */
public enum Codec {
  VP8, VP9, AV1, H264, H265, UNKNOWN;

  /**
   * The codec a MIME type names ({@code "video/VP8"}, {@code "H264"}, ...), case-insensitive,
   * without allocating; {@link #UNKNOWN} for null or anything else.
   */
  public static Codec fromMimeType(String mime) {
    if (mime == null) {
      return UNKNOWN;
    }
    int slash = mime.indexOf('/');
    int from = slash + 1;
    int len = mime.length() - from;
    if (matches(mime, from, len, "vp8")) {
      return VP8;
    }
    if (matches(mime, from, len, "vp9")) {
      return VP9;
    }
    if (matches(mime, from, len, "av1")) {
      return AV1;
    }
    if (matches(mime, from, len, "h264")) {
      return H264;
    }
    if (matches(mime, from, len, "h265") || matches(mime, from, len, "hevc")) {
      return H265;
    }
    return UNKNOWN;
  }

  private static boolean matches(String s, int from, int len, String name) {
    return len == name.length() && s.regionMatches(true, from, name, 0, len);
  }
}
