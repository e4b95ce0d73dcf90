/**
 * The e2ee4j command line ({@code java -jar e2ee4j.jar}): derives and ratchets keys, encrypts,
 * decrypts and inspects captured media frames and data packets, one command per run or many from
 * standard input ({@code -}). Not a library: nothing is exported.
 */
module io.e2ee4j.cli {
  requires io.e2ee4j.core;
  // The "gcm" encryption type is found through ServiceLoader; required so it is always resolved.
  requires io.e2ee4j.cipher.gcm;
  requires io.e2ee4j.transport.webrtc;
  requires io.e2ee4j.transport.datachannel;
  requires info.picocli;
  // data inspect reads DataPacket fields with protobuf's generic CodedInputStream.
  requires com.google.protobuf;
  // Main quiets the libraries' java.util.logging output: the CLI reports in its own words.
  requires java.logging;

  // picocli sets the annotated option fields reflectively.
  opens io.e2ee4j.cli to info.picocli;
}
