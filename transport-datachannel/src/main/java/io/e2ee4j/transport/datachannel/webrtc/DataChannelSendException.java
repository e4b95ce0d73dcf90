package io.e2ee4j.transport.datachannel.webrtc;

import io.e2ee4j.api.data.DataFailureReason;
import io.e2ee4j.api.data.DataPacketResult;
import java.io.IOException;

/**
 * A message was not sent: the cryptor refused it (no key, exhausted IVs, not a DataPacket), it
 * would exceed the channel's message size limit once encrypted, or the channel itself failed.
 * Nothing of the message went out, neither in clear nor truncated.
 *
 * <p>The message names the reason and the local participant, never message bytes.
 */
public final class DataChannelSendException extends IOException {

  private static final long serialVersionUID = 1L;

  private final transient DataPacketResult result;

  DataChannelSendException(DataPacketResult result) {
    super("data channel message not sent: " + result.describe());
    this.result = result;
  }

  DataChannelSendException(String message, Throwable cause) {
    super(message, cause);
    this.result = null;
  }

  /** The refusal ({@link DataPacketResult.Status#FAILED}), or null if the channel itself failed. */
  public DataPacketResult resultOrNull() {
    return result;
  }

  /** Why the message was refused, or null if the channel itself failed (see {@link #getCause()}). */
  public DataFailureReason reasonOrNull() {
    return result == null ? null : result.failureOrNull();
  }
}
