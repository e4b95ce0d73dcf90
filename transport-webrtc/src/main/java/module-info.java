/**
 * Media frames in LiveKit's E2EE layout and the frame-transformer adapter contract. Provides the
 * {@code "livekit"} {@link io.e2ee4j.api.media.FrameCryptorFactory}.
 */
module io.e2ee4j.transport.webrtc {
  // api types (EncodedFrame, FrameCryptor) appear in this module's exported signatures.
  requires transitive io.e2ee4j.api;

  exports io.e2ee4j.transport.webrtc;

  provides io.e2ee4j.api.media.FrameCryptorFactory with io.e2ee4j.transport.webrtc.LiveKitFrameCryptorFactory;
}
