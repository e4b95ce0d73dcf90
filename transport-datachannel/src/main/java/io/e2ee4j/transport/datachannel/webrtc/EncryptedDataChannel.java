package io.e2ee4j.transport.datachannel.webrtc;

import dev.onvoid.webrtc.RTCDataChannel;
import dev.onvoid.webrtc.RTCDataChannelBuffer;
import dev.onvoid.webrtc.RTCDataChannelObserver;
import dev.onvoid.webrtc.RTCDataChannelState;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCSessionDescription;
import io.e2ee4j.api.ParticipantId;
import io.e2ee4j.api.data.DataFailureReason;
import io.e2ee4j.api.data.DataPacketCryptor;
import io.e2ee4j.api.data.DataPacketResult;
import io.e2ee4j.transport.datachannel.DataPackets;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Wraps a webrtc-java {@link RTCDataChannel} so the application sends and receives clear LiveKit
 * {@code DataPacket}s while the channel carries them encrypted ({@link DataPacketCryptor}).
 *
 * <p><b>Sending</b> ({@link #send}, {@link #sendUserPayload}): the packet is encrypted (clear cases
 * stay clear, spec section 5.2) and handed to the channel as one binary message. If the cryptor
 * refuses it, or the encrypted message is longer than the channel's {@linkplain
 * Builder#maxMessageSize message size limit}, nothing is sent and {@link DataChannelSendException}
 * says why; a message is never truncated or sent in clear instead. A peer-to-peer channel has no
 * SFU to fill in {@code participant_identity}, so by default the adapter writes the local identity
 * into packets that have none.
 *
 * <p><b>Receiving</b>: each channel message is decrypted and the listener gets either {@link
 * Listener#onMessage} with a {@link DataPacketResult.Status#DECRYPTED} (or, as the cryptor's policy allows, CLEAR) result, or
 * {@link Listener#onFailure} with a failed result that names the participant and the reason (wrong
 * key, unknown key index, tampering, malformed protobuf, or plaintext where encryption is
 * required). A failed message delivers no bytes. Listener methods run on libwebrtc's network
 * thread: do not block in them. An exception a listener throws is logged and dropped.
 *
 * <p>Thread safety: {@link #send} may be called from any thread (the channel serialises messages);
 * receiving needs no lock. Logger: {@code io.e2ee4j.transport.datachannel.webrtc.EncryptedDataChannel}
 * (failures at DEBUG, never content).
 */
public final class EncryptedDataChannel implements AutoCloseable {

  /**
   * The message size limit assumed when the remote description carries no {@code
   * a=max-message-size} (RFC 8841 section 6: 64 KiB).
   */
  public static final int DEFAULT_MAX_MESSAGE_SIZE = 65536;

  private static final Logger LOG = System.getLogger(EncryptedDataChannel.class.getName());
  private static final Pattern MAX_MESSAGE_SIZE = Pattern.compile("a=max-message-size:(\\d+)");

  /** Receives what arrives on the channel. Called on libwebrtc's network thread. */
  public interface Listener {

    /** A message that decrypted (or an allowed clear one); {@link DataPacketResult#packet()} is the clear packet. */
    void onMessage(DataPacketResult message);

    /** A message that was refused; it carries no bytes. */
    void onFailure(DataPacketResult failure);

    /** The channel's state changed. */
    default void onStateChange(RTCDataChannelState state) {}

    /** The channel's buffered amount changed; {@code previousAmount} in bytes. */
    default void onBufferedAmountChange(long previousAmount) {}
  }

  /**
   * Sees every message on the wire side of the adapter, as a read-only buffer: the encrypted
   * packets sent and received. For tests and diagnostics. Called on the sending thread (outgoing)
   * or the network thread (incoming); the buffer is valid only during the call.
   */
  @FunctionalInterface
  public interface WireTap {
    /** @param outgoing true for a message sent, false for one received */
    void onWire(boolean outgoing, ByteBuffer message);
  }

  private final RTCDataChannel channel;
  private final DataPacketCryptor cryptor;
  private final Listener listener;
  private final WireTap wireTap;
  private final int maxMessageSize;
  private final ParticipantId remotePeer;
  private final boolean stampLocalIdentity;
  private volatile boolean closed;

  private EncryptedDataChannel(Builder b) {
    this.channel = b.channel;
    this.cryptor = b.cryptor;
    this.listener = Objects.requireNonNull(b.listener, "listener is null");
    this.wireTap = b.wireTap;
    this.maxMessageSize = b.maxMessageSize;
    this.remotePeer = b.remotePeer;
    this.stampLocalIdentity = b.stampLocalIdentity;
  }

  /**
   * A builder for an adapter over {@code channel} that encrypts and decrypts with {@code cryptor}.
   * {@link Builder#build()} registers the adapter as the channel's observer (webrtc-java allows one).
   */
  public static Builder builder(RTCDataChannel channel, DataPacketCryptor cryptor) {
    return new Builder(channel, cryptor);
  }

  /**
   * The message size limit the remote peer announced in {@code pc}'s remote description ({@code
   * a=max-message-size}); {@link #DEFAULT_MAX_MESSAGE_SIZE} if it announced none, and {@code
   * Integer.MAX_VALUE} for 0 ("no limit"). Call once the remote description is set.
   */
  public static int remoteMaxMessageSize(RTCPeerConnection pc) {
    RTCSessionDescription remote = pc.getRemoteDescription();
    return remote == null ? DEFAULT_MAX_MESSAGE_SIZE : maxMessageSizeOf(remote.sdp);
  }

  /** As {@link #remoteMaxMessageSize}, from SDP text. */
  public static int maxMessageSizeOf(String sdp) {
    Matcher m = MAX_MESSAGE_SIZE.matcher(sdp == null ? "" : sdp);
    if (!m.find()) {
      return DEFAULT_MAX_MESSAGE_SIZE;
    }
    long size = Long.parseLong(m.group(1).length() > 12 ? "0" : m.group(1));
    return size == 0 || size > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) size;
  }

  /** The wrapped channel. */
  public RTCDataChannel channel() {
    return channel;
  }

  /** The largest message, after encryption, that {@link #send} hands to the channel, in bytes. */
  public int maxMessageSize() {
    return maxMessageSize;
  }

  /**
   * Encrypts and sends one DataPacket ({@code dataPacket}'s bytes from position to limit).
   *
   * @return the result of encryption (status ENCRYPTED, or CLEAR for a case that travels in clear)
   * @throws DataChannelSendException if nothing was sent: the cryptor refused the packet, the
   *     encrypted message exceeds {@link #maxMessageSize()}, the adapter is closed, or the channel
   *     failed
   */
  public DataPacketResult send(ByteBuffer dataPacket) throws DataChannelSendException {
    Objects.requireNonNull(dataPacket, "dataPacket is null");
    if (closed) {
      throw new DataChannelSendException("data channel adapter closed", null);
    }
    ByteBuffer input = dataPacket.duplicate();
    dataPacket.position(dataPacket.limit());
    ByteBuffer toEncrypt = input;
    if (stampLocalIdentity) {
      try {
        if (DataPackets.participantIdentity(input).isEmpty()) {
          toEncrypt = ByteBuffer.wrap(DataPackets.withParticipantIdentity(input, cryptor.localParticipant().value()));
        }
      } catch (IllegalArgumentException notAPacket) {
        // Left to the cryptor, which refuses it with MALFORMED_PACKET.
      }
    }
    DataPacketResult result = cryptor.encrypt(toEncrypt);
    if (!result.isOk()) {
      throw new DataChannelSendException(result);
    }
    if (result.packetLength() > maxMessageSize) {
      throw new DataChannelSendException(DataPacketResult.failed(DataFailureReason.MESSAGE_TOO_LARGE,
          cryptor.localParticipant(), result.keyIndex(),
          result.packetLength() + " bytes encrypted, the channel takes at most " + maxMessageSize));
    }
    // webrtc-java sends a heap buffer's whole backing array: hand it an array of exactly the message.
    byte[] wire = result.packetBytes();
    if (wireTap != null) {
      wireTap.onWire(true, ByteBuffer.wrap(wire).asReadOnlyBuffer());
    }
    try {
      channel.send(new RTCDataChannelBuffer(ByteBuffer.wrap(wire), true));
    } catch (Exception e) {
      throw new DataChannelSendException("data channel send failed: " + e.getMessage(), e);
    }
    return result;
  }

  /** Sends {@code user{payload, topic}} (topic null for none); see {@link #send}. */
  public DataPacketResult sendUserPayload(byte[] payload, String topic) throws DataChannelSendException {
    return send(ByteBuffer.wrap(DataPackets.userPacket(payload, topic)));
  }

  /** The bytes queued in the channel and not yet sent (for flow control). */
  public long bufferedAmount() {
    return channel.getBufferedAmount();
  }

  /** Stops the adapter: unregisters it from the channel (which stays open) and refuses later sends. Idempotent. */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      channel.unregisterObserver();
    }
  }

  private void receive(RTCDataChannelBuffer buffer) {
    if (closed) {
      return;
    }
    ByteBuffer data = buffer.data;
    if (wireTap != null) {
      wireTap.onWire(false, data.asReadOnlyBuffer());
    }
    DataPacketResult result = cryptor.decrypt(data.duplicate(), remotePeer);
    try {
      if (result.isOk()) {
        listener.onMessage(result);
      } else {
        LOG.log(Level.DEBUG, "data channel {0}: refused a message: {1}", channel.getLabel(), result.describe());
        listener.onFailure(result);
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "data channel listener threw " + e.getClass().getName(), e);
    }
  }

  private final class Observer implements RTCDataChannelObserver {
    @Override
    public void onBufferedAmountChange(long previousAmount) {
      try {
        listener.onBufferedAmountChange(previousAmount);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "data channel listener threw " + e.getClass().getName(), e);
      }
    }

    @Override
    public void onStateChange() {
      try {
        listener.onStateChange(channel.getState());
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "data channel listener threw " + e.getClass().getName(), e);
      }
    }

    @Override
    public void onMessage(RTCDataChannelBuffer buffer) {
      receive(buffer);
    }
  }

  /**
   * Configures an {@link EncryptedDataChannel}. Not thread-safe; {@link #build()} once.
   */
  public static final class Builder {
    private final RTCDataChannel channel;
    private final DataPacketCryptor cryptor;
    private Listener listener;
    private WireTap wireTap;
    private int maxMessageSize = DEFAULT_MAX_MESSAGE_SIZE;
    private ParticipantId remotePeer;
    private boolean stampLocalIdentity = true;

    private Builder(RTCDataChannel channel, DataPacketCryptor cryptor) {
      this.channel = Objects.requireNonNull(channel, "channel is null");
      this.cryptor = Objects.requireNonNull(cryptor, "cryptor is null");
    }

    /** Where received messages and failures go. Required. */
    public Builder listener(Listener listener) {
      this.listener = Objects.requireNonNull(listener, "listener is null");
      return this;
    }

    /** A tap on the wire side (encrypted messages), or null for none. */
    public Builder wireTap(WireTap tap) {
      this.wireTap = tap;
      return this;
    }

    /**
     * The largest message (after encryption) to hand to the channel, in bytes; larger ones are
     * refused. Default {@link #DEFAULT_MAX_MESSAGE_SIZE}; use {@link #remoteMaxMessageSize} for the
     * value the peer announced.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxMessageSize(int bytes) {
      if (bytes <= 0) {
        throw new IllegalArgumentException("maxMessageSize must be positive, was " + bytes);
      }
      this.maxMessageSize = bytes;
      return this;
    }

    /**
     * The participant at the other end of a peer-to-peer channel, assumed as the sender of packets
     * that name none; null (default) to choose keys only by the packet's {@code participant_identity}.
     */
    public Builder remotePeer(ParticipantId peer) {
      this.remotePeer = peer;
      return this;
    }

    /** Whether to write the local identity into outgoing packets that have none (default true). */
    public Builder stampLocalIdentity(boolean stamp) {
      this.stampLocalIdentity = stamp;
      return this;
    }

    /** Makes the adapter and registers it as the channel's observer. */
    public EncryptedDataChannel build() {
      EncryptedDataChannel adapter = new EncryptedDataChannel(this);
      channel.registerObserver(adapter.new Observer());
      return adapter;
    }
  }
}
