package io.e2ee4j.transport.datachannel.webrtc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The adapter's message-size limit as read from SDP (RFC 8841), without a network. */
class EncryptedDataChannelTest {

  @Test
  void maxMessageSize_isReadFromTheSdpAttribute() {
    String sdp = "v=0\r\nm=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\na=sctp-port:5000\r\n"
        + "a=max-message-size:262144\r\n";
    assertEquals(262144, EncryptedDataChannel.maxMessageSizeOf(sdp));
  }

  @Test
  void maxMessageSize_defaultsTo64KiB_whenNotAnnounced() {
    assertEquals(65536, EncryptedDataChannel.maxMessageSizeOf("v=0\r\na=sctp-port:5000\r\n"));
    assertEquals(65536, EncryptedDataChannel.maxMessageSizeOf(null));
  }

  @Test
  void maxMessageSize_zeroOrHuge_meansNoLimit() {
    assertEquals(Integer.MAX_VALUE, EncryptedDataChannel.maxMessageSizeOf("a=max-message-size:0\r\n"));
    assertEquals(Integer.MAX_VALUE, EncryptedDataChannel.maxMessageSizeOf("a=max-message-size:99999999999\r\n"));
    assertEquals(Integer.MAX_VALUE,
        EncryptedDataChannel.maxMessageSizeOf("a=max-message-size:99999999999999999999999\r\n"));
  }
}
