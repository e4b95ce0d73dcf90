/**
 * The adapter over a real WebRTC data channel: {@link
 * io.e2ee4j.transport.datachannel.webrtc.EncryptedDataChannel} wraps webrtc-java's {@code
 * RTCDataChannel}. Needs {@code dev.onvoid.webrtc:webrtc-java} (module {@code webrtc.java}) at run
 * time, which this module requires only statically; the rest of the module works without it. On
 * Linux, webrtc-java's native library needs {@code libpulse.so.0} (Debian: {@code libpulse0}).
 */
package io.e2ee4j.transport.datachannel.webrtc;
