/** Placeholder: filled in by its issue. */
module io.e2ee4j.transport.webrtc {
  requires io.e2ee4j.api;

}
