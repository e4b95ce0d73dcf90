package io.e2ee4j.transport.webrtc;

import io.e2ee4j.api.media.EncodedFrame;

/**
 * The adapter contract a WebRTC stack calls from its encoded-frame hook, shaped like libwebrtc's
 * {@code FrameTransformerInterface} and the W3C {@code RTCRtpScriptTransform}: frames go in with
 * {@link #transform}, transformed frames come out to the registered {@link FrameSink}. One
 * transformer serves one direction of one track (a sender's or a receiver's).
 *
 * <p>Frames the transformer drops (a missing key, a failed authentication, ...) never reach a sink;
 * the reason shows in the cryptor's state. Implementations are thread-safe.
 */
public interface FrameTransformer {

  /** Transforms one frame and hands the result to the sink for its SSRC, or to the default sink. Never throws for a bad frame. */
  void transform(EncodedFrame frame);

  /** Sets the sink for frames of every SSRC without a sink of their own ({@code RegisterTransformedFrameCallback}). */
  void registerSink(FrameSink sink);

  /** Sets the sink for frames of one SSRC ({@code RegisterTransformedFrameSinkCallback}). */
  void registerSink(int ssrc, FrameSink sink);

  /** Removes the default sink. */
  void unregisterSink();

  /** Removes the sink of one SSRC. */
  void unregisterSink(int ssrc);
}
