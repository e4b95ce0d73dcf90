package io.e2ee4j.api.media;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The fields of LiveKit's frame-metadata ("packet trailer", {@code LKTS}) trailer (spec section
 * 1.10): a user timestamp, a frame id and opaque user data, each optional. The trailer travels
 * unencrypted after the E2EE trailer; a receiving cryptor strips it before decryption and hands
 * these fields to the caller, and a sending cryptor appends it when a frame carries metadata.
 *
 * <p>The trailer is neither encrypted nor authenticated: anyone on the path (the SFU included) can
 * read or change it. Treat the fields as hints.
 *
 * <p>Immutable and thread-safe. The user data is copied in and out. It is not secret (it travels in
 * the clear), so {@code toString} shows it.
 */
public final class FrameMetadata {

  /**
   * The most user-data bytes the trailer's one-byte length allows (255 minus the user-data tag and
   * length, the length byte and the magic). With a user timestamp and a frame id as well, the
   * limit is 16 bytes less; a sending cryptor drops a frame whose trailer would not fit ({@link
   * FrameDropReason#METADATA_TOO_LONG}).
   */
  public static final int MAX_USER_DATA_BYTES = 255 - 2 - 5;

  private final boolean hasUserTimestamp;
  private final long userTimestampMicros;
  private final boolean hasFrameId;
  private final int frameId;
  private final byte[] userData;

  private FrameMetadata(boolean hasUserTimestamp, long userTimestampMicros, boolean hasFrameId, int frameId,
      byte[] userData) {
    this.hasUserTimestamp = hasUserTimestamp;
    this.userTimestampMicros = userTimestampMicros;
    this.hasFrameId = hasFrameId;
    this.frameId = frameId;
    this.userData = userData;
  }

  /** Metadata without any field; add fields with the {@code with...} methods. */
  public static FrameMetadata empty() {
    return new FrameMetadata(false, 0, false, 0, null);
  }

  /** A copy with the user timestamp (tag 1): microseconds, an unsigned 64-bit value on the wire. */
  public FrameMetadata withUserTimestampMicros(long micros) {
    return new FrameMetadata(true, micros, hasFrameId, frameId, userData);
  }

  /** A copy with the frame id (tag 2): an unsigned 32-bit value on the wire. */
  public FrameMetadata withFrameId(int id) {
    return new FrameMetadata(hasUserTimestamp, userTimestampMicros, true, id, userData);
  }

  /**
   * A copy with user data (tag 3), copied; at most {@value #MAX_USER_DATA_BYTES} bytes.
   *
   * @throws IllegalArgumentException if longer than {@value #MAX_USER_DATA_BYTES} bytes
   */
  public FrameMetadata withUserData(byte[] data) {
    Objects.requireNonNull(data, "data is null");
    if (data.length > MAX_USER_DATA_BYTES) {
      throw new IllegalArgumentException("user data is at most " + MAX_USER_DATA_BYTES + " bytes, was " + data.length);
    }
    return new FrameMetadata(hasUserTimestamp, userTimestampMicros, hasFrameId, frameId, data.clone());
  }

  /** The user timestamp in microseconds (unsigned 64-bit), if present. */
  public OptionalLong userTimestampMicros() {
    return hasUserTimestamp ? OptionalLong.of(userTimestampMicros) : OptionalLong.empty();
  }

  /** The frame id (unsigned 32-bit), if present. */
  public OptionalInt frameId() {
    return hasFrameId ? OptionalInt.of(frameId) : OptionalInt.empty();
  }

  /** A copy of the user data, or null if absent. */
  public byte[] userDataOrNull() {
    return userData == null ? null : userData.clone();
  }

  /** True if no field is present. */
  public boolean isEmpty() {
    return !hasUserTimestamp && !hasFrameId && userData == null;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FrameMetadata m
        && hasUserTimestamp == m.hasUserTimestamp
        && userTimestampMicros == m.userTimestampMicros
        && hasFrameId == m.hasFrameId
        && frameId == m.frameId
        && Arrays.equals(userData, m.userData);
  }

  @Override
  public int hashCode() {
    return Objects.hash(hasUserTimestamp, userTimestampMicros, hasFrameId, frameId, Arrays.hashCode(userData));
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("FrameMetadata[");
    String sep = "";
    if (hasUserTimestamp) {
      sb.append("userTimestampMicros=").append(Long.toUnsignedString(userTimestampMicros));
      sep = ", ";
    }
    if (hasFrameId) {
      sb.append(sep).append("frameId=").append(Integer.toUnsignedString(frameId));
      sep = ", ";
    }
    if (userData != null) {
      sb.append(sep).append("userData=").append(HexFormat.of().formatHex(userData));
    }
    return sb.append(']').toString();
  }
}
