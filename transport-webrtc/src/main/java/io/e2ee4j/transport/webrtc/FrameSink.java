package io.e2ee4j.transport.webrtc;

import io.e2ee4j.api.media.EncodedFrame;

/**
 * Receives transformed frames from a {@link FrameTransformer}: libwebrtc's {@code
 * TransformedFrameCallback}, or the writable side of a W3C {@code RTCRtpScriptTransform}. A WebRTC
 * stack implements it to feed frames on to its packetizer (send) or decoder (receive).
 *
 * <p>Called on the thread that called {@link FrameTransformer#transform}; keep it short.
 */
@FunctionalInterface
public interface FrameSink {

  /**
   * A transformed frame. Its payload buffer (position to limit) belongs to the sink from now on.
   */
  void onTransformedFrame(EncodedFrame frame);
}
