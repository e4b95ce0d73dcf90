/**
 * Media frames: the frame model a WebRTC stack's encoded-frame hook provides ({@link
 * io.e2ee4j.api.media.EncodedFrame}), the per-track {@link io.e2ee4j.api.media.FrameCryptor} and
 * its results, and the {@link io.e2ee4j.api.media.FrameCryptorFactory} service that frame-format
 * modules (such as {@code io.e2ee4j.transport.webrtc}) provide.
 */
package io.e2ee4j.api.media;
