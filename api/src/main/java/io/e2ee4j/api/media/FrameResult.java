package io.e2ee4j.api.media;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * What a {@link FrameCryptor} did with one frame: encrypted, decrypted, passed through unchanged,
 * or dropped with a {@link FrameDropReason reason}. Cryptors return one for every frame and never
 * throw for a bad frame.
 *
 * <p>For a forwarded frame ({@link #isForwarded()}) the bytes to hand on are {@link #output()}.
 * When the caller gave an output buffer they were written there, from its position on, and its
 * position advanced by {@link #length()}; a dropped frame writes nothing the caller may use and
 * leaves the position where it was.
 *
 * <p>Immutable and thread-safe (the output bytes belong to the caller's buffer). {@code toString}
 * never shows frame bytes.
 */
public final class FrameResult {

  /** The outcome. */
  public enum Status {
    /** A sending cryptor encrypted the frame. */
    ENCRYPTED,
    /** A receiving cryptor decrypted the frame. */
    DECRYPTED,
    /** The frame was forwarded unchanged (apart from a stripped trailer); see {@link PassThroughReason}. */
    PASSED_THROUGH,
    /** The frame was dropped; see {@link FrameDropReason}. Nothing may be forwarded. */
    DROPPED
  }

  private final Status status;
  private final ByteBuffer buffer;
  private final int offset;
  private final int length;
  private final FrameDropReason dropReason;
  private final PassThroughReason passThroughReason;
  private final int keyIndex;
  private final FrameMetadata metadata;

  private FrameResult(Status status, ByteBuffer buffer, int offset, int length, FrameDropReason dropReason,
      PassThroughReason passThroughReason, int keyIndex, FrameMetadata metadata) {
    this.status = status;
    this.buffer = buffer;
    this.offset = offset;
    this.length = length;
    this.dropReason = dropReason;
    this.passThroughReason = passThroughReason;
    this.keyIndex = keyIndex;
    this.metadata = metadata;
  }

  /**
   * An encrypted or decrypted frame whose bytes are {@code buffer[offset, offset + length)}.
   *
   * @param status {@link Status#ENCRYPTED} or {@link Status#DECRYPTED}
   * @param keyIndex the key-ring slot used, 0..255
   * @param metadata the frame metadata appended (send) or stripped (receive), or null
   */
  public static FrameResult transformed(Status status, ByteBuffer buffer, int offset, int length, int keyIndex,
      FrameMetadata metadata) {
    if (status != Status.ENCRYPTED && status != Status.DECRYPTED) {
      throw new IllegalArgumentException("status must be ENCRYPTED or DECRYPTED, was " + status);
    }
    checkRange(buffer, offset, length);
    return new FrameResult(status, buffer, offset, length, null, null, keyIndex, metadata);
  }

  /** A frame forwarded unchanged whose bytes are {@code buffer[offset, offset + length)}. */
  public static FrameResult passedThrough(PassThroughReason reason, ByteBuffer buffer, int offset, int length,
      FrameMetadata metadata) {
    Objects.requireNonNull(reason, "reason is null");
    checkRange(buffer, offset, length);
    return new FrameResult(Status.PASSED_THROUGH, buffer, offset, length, null, reason, -1, metadata);
  }

  /**
   * A dropped frame.
   *
   * @param keyIndex the key-ring slot involved, or -1 if none
   * @param metadata frame metadata stripped before the drop, or null
   */
  public static FrameResult dropped(FrameDropReason reason, int keyIndex, FrameMetadata metadata) {
    Objects.requireNonNull(reason, "reason is null");
    return new FrameResult(Status.DROPPED, null, 0, 0, reason, null, keyIndex, metadata);
  }

  private static void checkRange(ByteBuffer buffer, int offset, int length) {
    Objects.requireNonNull(buffer, "buffer is null");
    Objects.checkFromIndexSize(offset, length, buffer.capacity());
  }

  /** The outcome. */
  public Status status() {
    return status;
  }

  /** True if the frame is to be forwarded: encrypted, decrypted or passed through. */
  public boolean isForwarded() {
    return status != Status.DROPPED;
  }

  /**
   * The frame to forward, as a new buffer whose position is 0 and whose limit is {@link #length()},
   * sharing the bytes of the output buffer.
   *
   * @throws IllegalStateException if the frame was dropped
   */
  public ByteBuffer output() {
    if (buffer == null) {
      throw new IllegalStateException("frame dropped: " + dropReason.description());
    }
    return buffer.slice(offset, length);
  }

  /** The output buffer itself (not a copy); the frame is at {@link #offset()}. Null if dropped. */
  public ByteBuffer outputBufferOrNull() {
    return buffer;
  }

  /** Where the frame starts in {@link #outputBufferOrNull()}. */
  public int offset() {
    return offset;
  }

  /** The length of the forwarded frame in bytes; 0 if dropped. */
  public int length() {
    return length;
  }

  /** Why the frame was dropped, or null if it was not. */
  public FrameDropReason dropReasonOrNull() {
    return dropReason;
  }

  /** Why the frame was passed through, or null if it was not. */
  public PassThroughReason passThroughReasonOrNull() {
    return passThroughReason;
  }

  /** The key-ring slot used or named by the frame, or -1 if none. */
  public int keyIndex() {
    return keyIndex;
  }

  /** The frame metadata ({@code LKTS}) appended on send or stripped on receive, or null. */
  public FrameMetadata metadataOrNull() {
    return metadata;
  }

  /**
   * The outcome in words, such as "missing key at index 3" or "authentication failed at index 0";
   * built when asked, so the frame path allocates no text.
   */
  public String describe() {
    switch (status) {
      case DROPPED:
        return dropReason.description() + (keyIndex >= 0 ? " at index " + keyIndex : "");
      case PASSED_THROUGH:
        return "passed through: " + passThroughReason;
      default:
        return status.name().toLowerCase(java.util.Locale.ROOT) + " with key index " + keyIndex;
    }
  }

  /** The outcome and sizes, never frame bytes. */
  @Override
  public String toString() {
    return "FrameResult[" + describe() + (buffer != null ? ", " + length + " bytes" : "")
        + (metadata != null ? ", " + metadata : "") + "]";
  }
}
