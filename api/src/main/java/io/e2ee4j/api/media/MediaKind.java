package io.e2ee4j.api.media;

/** The kind of media an encoded frame carries. It decides the clear-header rule (spec section 1.3). */
public enum MediaKind {
  /** An audio frame (in practice Opus): one clear byte, whatever the codec. */
  AUDIO,
  /** A video frame: the clear header depends on the codec and the key/delta frame type. */
  VIDEO
}
