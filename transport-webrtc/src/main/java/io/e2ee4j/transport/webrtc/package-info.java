/**
 * LiveKit's E2EE media-frame format for WebRTC encoded frames: {@link
 * io.e2ee4j.transport.webrtc.LiveKitFrameCryptorFactory} (the {@link
 * io.e2ee4j.api.media.FrameCryptorFactory} service) and the adapter contract a WebRTC stack plugs
 * in through ({@link io.e2ee4j.transport.webrtc.FrameTransformer}, {@link
 * io.e2ee4j.transport.webrtc.FrameSink}, {@link io.e2ee4j.transport.webrtc.CryptorFrameTransformer}).
 */
package io.e2ee4j.transport.webrtc;
