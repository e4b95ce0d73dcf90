/**
 * Data-channel encryption in LiveKit's format: {@code DataPacket}s whose value is sealed into an
 * {@code EncryptedPacket} (spec section 5), with protobuf classes generated at build time from the
 * module's own {@code .proto}, and an adapter over a real WebRTC data channel (webrtc-java's {@code
 * RTCDataChannel}, optional).
 *
 * <p>Logger names: {@code io.e2ee4j.transport.datachannel.*} (class names).
 */
module io.e2ee4j.transport.datachannel {
  requires transitive io.e2ee4j.api;
  // protobuf-java is an automatic module; its types never appear in the exported API.
  requires com.google.protobuf;
  // Optional: only the package ...datachannel.webrtc uses it (its API names RTCDataChannel), and
  // only when the application does; an application using the adapter has webrtc.java anyway.
  requires static webrtc.java;

  exports io.e2ee4j.transport.datachannel;
  exports io.e2ee4j.transport.datachannel.webrtc;

  // protobuf-java's message reflection (text format, descriptors) calls the generated classes'
  // methods reflectively; only protobuf gets that access, nobody gets to compile against them.
  opens io.e2ee4j.transport.datachannel.internal.proto to com.google.protobuf;

  provides io.e2ee4j.api.data.DataPacketCryptorFactory
      with io.e2ee4j.transport.datachannel.LiveKitDataPacketCryptorFactory;
}
