package io.e2ee4j.core;

import io.e2ee4j.api.media.UnencryptedFramePolicy;
import java.util.Objects;
import java.util.Optional;

/**
 * The choices an {@link E2eeManager} is made with, apart from its keys: which encryption type
 * frames and data packets use, which frame format (a {@link io.e2ee4j.api.media.FrameCryptorFactory}
 * id) makes the frame cryptors and which data format (a {@link
 * io.e2ee4j.api.data.DataPacketCryptorFactory} id) the data-packet cryptors, what a receiver does with plaintext frames while its cryptor is
 * disabled, and whether encryption starts on.
 *
 * <table>
 *   <caption>Options</caption>
 *   <tr><th>option</th><th>default</th></tr>
 *   <tr><td>frameEncryptionType</td><td>{@code "gcm"} (LiveKit's AES-GCM)</td></tr>
 *   <tr><td>dataEncryptionType</td><td>{@code "gcm"}</td></tr>
 *   <tr><td>frameFormat</td><td>empty: the only installed factory, or {@code "livekit"} if several</td></tr>
 *   <tr><td>dataFormat</td><td>empty: likewise, among the data-packet cryptor factories</td></tr>
 *   <tr><td>unencryptedFramePolicy</td><td>{@link UnencryptedFramePolicy#REFUSE_AND_REPORT}</td></tr>
 *   <tr><td>enabled</td><td>true</td></tr>
 * </table>
 *
 * <p>Immutable and thread-safe; value equality.
 */
public final class E2eeManagerOptions {

  /** LiveKit's encryption type id, the default for frames and data packets. */
  public static final String DEFAULT_ENCRYPTION_TYPE = "gcm";
  /** The frame and data format preferred when several factories are installed and none is chosen. */
  public static final String PREFERRED_FORMAT = "livekit";

  private static final E2eeManagerOptions DEFAULTS = builder().build();

  private final String frameEncryptionType;
  private final String dataEncryptionType;
  private final String frameFormat;
  private final String dataFormat;
  private final UnencryptedFramePolicy unencryptedFramePolicy;
  private final boolean enabled;

  private E2eeManagerOptions(Builder b) {
    this.frameEncryptionType = b.frameEncryptionType;
    this.dataEncryptionType = b.dataEncryptionType;
    this.frameFormat = b.frameFormat;
    this.dataFormat = b.dataFormat;
    this.unencryptedFramePolicy = b.unencryptedFramePolicy;
    this.enabled = b.enabled;
  }

  /** The defaults in the table above. */
  public static E2eeManagerOptions defaults() {
    return DEFAULTS;
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these options. */
  public Builder toBuilder() {
    Builder b = new Builder()
        .frameEncryptionType(frameEncryptionType)
        .dataEncryptionType(dataEncryptionType)
        .unencryptedFramePolicy(unencryptedFramePolicy)
        .enabled(enabled);
    b.frameFormat = frameFormat;
    b.dataFormat = dataFormat;
    return b;
  }

  /** The encryption type id for media frames. */
  public String frameEncryptionType() {
    return frameEncryptionType;
  }

  /** The encryption type id for data-channel packets. */
  public String dataEncryptionType() {
    return dataEncryptionType;
  }

  /** The frame-cryptor factory id, if one was chosen. */
  public Optional<String> frameFormat() {
    return Optional.ofNullable(frameFormat);
  }

  /** The data-packet cryptor factory id, if one was chosen. */
  public Optional<String> dataFormat() {
    return Optional.ofNullable(dataFormat);
  }

  /**
   * What a disabled receiving cryptor does with the frames it gets, and what a data-packet
   * cryptor's receive side does with a clear packet of a case LiveKit sends encrypted (user, chat,
   * RPC, streams): by default both are refused and reported; {@link UnencryptedFramePolicy#ACCEPT}
   * passes them on.
   */
  public UnencryptedFramePolicy unencryptedFramePolicy() {
    return unencryptedFramePolicy;
  }

  /** Whether encryption starts switched on. */
  public boolean enabled() {
    return enabled;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof E2eeManagerOptions other
        && frameEncryptionType.equals(other.frameEncryptionType)
        && dataEncryptionType.equals(other.dataEncryptionType)
        && Objects.equals(frameFormat, other.frameFormat)
        && Objects.equals(dataFormat, other.dataFormat)
        && unencryptedFramePolicy == other.unencryptedFramePolicy
        && enabled == other.enabled;
  }

  @Override
  public int hashCode() {
    return Objects.hash(frameEncryptionType, dataEncryptionType, frameFormat, dataFormat, unencryptedFramePolicy,
        enabled);
  }

  @Override
  public String toString() {
    return "E2eeManagerOptions[frameEncryptionType=" + frameEncryptionType
        + ", dataEncryptionType=" + dataEncryptionType
        + ", frameFormat=" + (frameFormat == null ? "auto" : frameFormat)
        + ", dataFormat=" + (dataFormat == null ? "auto" : dataFormat)
        + ", unencryptedFramePolicy=" + unencryptedFramePolicy
        + ", enabled=" + enabled + "]";
  }

  /** Builds {@link E2eeManagerOptions}. Not thread-safe. */
  public static final class Builder {
    private String frameEncryptionType = DEFAULT_ENCRYPTION_TYPE;
    private String dataEncryptionType = DEFAULT_ENCRYPTION_TYPE;
    private String frameFormat;
    private String dataFormat;
    private UnencryptedFramePolicy unencryptedFramePolicy = UnencryptedFramePolicy.REFUSE_AND_REPORT;
    private boolean enabled = true;

    private Builder() {}

    /** The encryption type id for media frames; it must be installed when the manager is built. */
    public Builder frameEncryptionType(String id) {
      this.frameEncryptionType = requireId(id, "frameEncryptionType");
      return this;
    }

    /** The encryption type id for data packets; it must be installed when the manager is built. */
    public Builder dataEncryptionType(String id) {
      this.dataEncryptionType = requireId(id, "dataEncryptionType");
      return this;
    }

    /** The frame-cryptor factory id, such as {@code "livekit"}. */
    public Builder frameFormat(String id) {
      this.frameFormat = requireId(id, "frameFormat");
      return this;
    }

    /** The data-packet cryptor factory id, such as {@code "livekit"}. */
    public Builder dataFormat(String id) {
      this.dataFormat = requireId(id, "dataFormat");
      return this;
    }

    /**
     * What a disabled receiving cryptor does with frames. {@link UnencryptedFramePolicy#ACCEPT}
     * forwards them, and the manager logs that once per track, so plaintext is never accepted
     * silently.
     */
    public Builder unencryptedFramePolicy(UnencryptedFramePolicy policy) {
      this.unencryptedFramePolicy = Objects.requireNonNull(policy, "policy is null");
      return this;
    }

    /** Whether encryption starts switched on. */
    public Builder enabled(boolean on) {
      this.enabled = on;
      return this;
    }

    /** The options. */
    public E2eeManagerOptions build() {
      return new E2eeManagerOptions(this);
    }

    private static String requireId(String id, String what) {
      Objects.requireNonNull(id, what + " is null");
      if (id.isBlank()) {
        throw new IllegalArgumentException(what + " is blank");
      }
      return id;
    }
  }
}
