package io.e2ee4j.api.media;

import io.e2ee4j.api.ParticipantId;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Objects;

/**
 * One encoded media frame as a WebRTC stack's encoded-frame hook hands it over (libwebrtc {@code
 * TransformableFrameInterface}, W3C {@code RTCEncodedAudioFrame}/{@code RTCEncodedVideoFrame}):
 * the encoder's output before RTP packetization, or the depacketizer's output before the decoder.
 *
 * <p>The payload is the bytes from the buffer's position to its limit. A cryptor reads them
 * without moving the position and never writes them. The frame does not copy the buffer; the
 * caller must not change those bytes while a cryptor works on the frame.
 *
 * <p>Immutable apart from the shared payload buffer; safe to pass between threads if the payload
 * is not changed. {@code toString} shows sizes and identifiers, never payload bytes.
 *
 * @param payload the frame bytes, position to limit
 * @param kind audio or video
 * @param codecMimeType the codec as a MIME type, such as {@code "video/H264"} or {@code
 *     "audio/opus"}; null when the stack does not know (video is then classified from its bytes,
 *     spec section 1.9)
 * @param keyFrame for video, whether the encoder (or depacketizer) marks this a key frame; ignored
 *     for audio
 * @param ssrc the RTP synchronization source, an unsigned 32-bit value
 * @param rtpTimestamp the RTP timestamp, an unsigned 32-bit value
 * @param participant the sender: the local participant for outgoing frames, the remote one for
 *     incoming frames
 * @param metadata the frame-metadata ({@code LKTS}) fields: on send, appended after the E2EE
 *     trailer if the cryptor is configured to; on receive, ignored (the result carries what was
 *     stripped); may be null
 */
public record EncodedFrame(
    ByteBuffer payload,
    MediaKind kind,
    String codecMimeType,
    boolean keyFrame,
    int ssrc,
    int rtpTimestamp,
    ParticipantId participant,
    FrameMetadata metadata) {

  /** @throws NullPointerException if {@code payload}, {@code kind} or {@code participant} is null */
  public EncodedFrame {
    Objects.requireNonNull(payload, "payload is null");
    Objects.requireNonNull(kind, "kind is null");
    Objects.requireNonNull(participant, "participant is null");
  }

  /** An audio frame without metadata. */
  public static EncodedFrame audio(ByteBuffer payload, String codecMimeType, int ssrc, int rtpTimestamp,
      ParticipantId participant) {
    return new EncodedFrame(payload, MediaKind.AUDIO, codecMimeType, false, ssrc, rtpTimestamp, participant, null);
  }

  /** A video frame without metadata. */
  public static EncodedFrame video(ByteBuffer payload, String codecMimeType, boolean keyFrame, int ssrc,
      int rtpTimestamp, ParticipantId participant) {
    return new EncodedFrame(payload, MediaKind.VIDEO, codecMimeType, keyFrame, ssrc, rtpTimestamp, participant, null);
  }

  /** The same frame with another payload (for example the transformed bytes). */
  public EncodedFrame withPayload(ByteBuffer newPayload) {
    return new EncodedFrame(newPayload, kind, codecMimeType, keyFrame, ssrc, rtpTimestamp, participant, metadata);
  }

  /** The same frame with frame metadata to append on send. */
  public EncodedFrame withMetadata(FrameMetadata newMetadata) {
    return new EncodedFrame(payload, kind, codecMimeType, keyFrame, ssrc, rtpTimestamp, participant, newMetadata);
  }

  /** The payload length in bytes. */
  public int length() {
    return payload.remaining();
  }

  /**
   * The codec part of the MIME type in lower case ({@code "h264"} for {@code "video/H264"}), or null
   * if no MIME type is known.
   */
  public String codecNameOrNull() {
    if (codecMimeType == null) {
      return null;
    }
    int slash = codecMimeType.indexOf('/');
    return codecMimeType.substring(slash + 1).trim().toLowerCase(Locale.ROOT);
  }

  /** Sizes and identifiers only, never payload bytes. */
  @Override
  public String toString() {
    return "EncodedFrame[" + kind + ", " + (codecMimeType == null ? "codec unknown" : codecMimeType)
        + (kind == MediaKind.VIDEO ? (keyFrame ? ", key" : ", delta") : "")
        + ", " + payload.remaining() + " bytes, ssrc=" + Integer.toUnsignedString(ssrc)
        + ", rtpTimestamp=" + Integer.toUnsignedString(rtpTimestamp) + ", participant=" + participant
        + (metadata == null ? "" : ", " + metadata) + "]";
  }
}
