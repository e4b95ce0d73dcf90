package io.e2ee4j.api.media;

import io.e2ee4j.api.E2eeStateEvent.Direction;
import io.e2ee4j.api.E2eeStateListener;
import io.e2ee4j.api.KeyHandler;
import io.e2ee4j.api.KeyProviderOptions;
import io.e2ee4j.api.ParticipantId;
import io.e2ee4j.api.spi.EncryptionType;
import java.util.Objects;

/**
 * Everything a {@link FrameCryptorFactory} needs to make a cryptor for one participant's track in
 * one direction. Build with {@link #builder}.
 *
 * <p>Immutable and thread-safe (the key handler, encryption type and listener it refers to are
 * shared and must be thread-safe themselves).
 */
public final class FrameCryptorConfig {

  /**
   * The default {@link #maxFrameBytes()}: 8 MiB, several times the largest key frame a 4K encoder
   * writes, and small enough that a hostile frame cannot make a cryptor buffer much memory.
   */
  public static final int DEFAULT_MAX_FRAME_BYTES = 8 << 20;

  private static final E2eeStateListener NO_LISTENER = event -> { };

  private final ParticipantId participant;
  private final String trackId;
  private final Direction direction;
  private final KeyHandler keyHandler;
  private final EncryptionType encryptionType;
  private final KeyProviderOptions options;
  private final E2eeStateListener stateListener;
  private final UnencryptedFramePolicy unencryptedFramePolicy;
  private final String codecMimeType;
  private final boolean frameMetadataTrailer;
  private final boolean enabled;
  private final InsecureIvSource insecureIvSource;
  private final int maxFrameBytes;

  private FrameCryptorConfig(Builder b) {
    this.participant = b.participant;
    this.trackId = b.trackId;
    this.direction = b.direction;
    this.keyHandler = b.keyHandler;
    this.encryptionType = b.encryptionType;
    this.options = b.options;
    this.stateListener = b.stateListener;
    this.unencryptedFramePolicy = b.unencryptedFramePolicy;
    this.codecMimeType = b.codecMimeType;
    this.frameMetadataTrailer = b.frameMetadataTrailer;
    this.enabled = b.enabled;
    this.insecureIvSource = b.insecureIvSource;
    this.maxFrameBytes = b.maxFrameBytes;
  }

  /**
   * A builder with the required parts.
   *
   * @param participant whose frames: the local participant when encrypting, the sender when decrypting
   * @param trackId the track, as the application names it (appears in state events)
   * @param direction {@link Direction#ENCRYPT} for our outgoing frames, {@link Direction#DECRYPT} for received ones
   * @param keyHandler the participant's key view ({@link io.e2ee4j.api.KeyProvider#keyHandler})
   * @param encryptionType the cipher family, for LiveKit {@code "gcm"}; its IV length is the trailer's L byte
   */
  public static Builder builder(ParticipantId participant, String trackId, Direction direction,
      KeyHandler keyHandler, EncryptionType encryptionType) {
    return new Builder(participant, trackId, direction, keyHandler, encryptionType);
  }

  /** Whose frames. */
  public ParticipantId participant() {
    return participant;
  }

  /** The track id. */
  public String trackId() {
    return trackId;
  }

  /** Encrypting or decrypting. */
  public Direction direction() {
    return direction;
  }

  /** The participant's key view. */
  public KeyHandler keyHandler() {
    return keyHandler;
  }

  /** The cipher family. */
  public EncryptionType encryptionType() {
    return encryptionType;
  }

  /** The key-provider options; the cryptor uses the SIF trailer, the ratchet window and discardFrameWhenCryptorNotReady. */
  public KeyProviderOptions options() {
    return options;
  }

  /** Hears state changes; a no-op listener by default. */
  public E2eeStateListener stateListener() {
    return stateListener;
  }

  /** What a disabled receiving cryptor does with frames; {@link UnencryptedFramePolicy#REFUSE_AND_REPORT} by default. */
  public UnencryptedFramePolicy unencryptedFramePolicy() {
    return unencryptedFramePolicy;
  }

  /**
   * The track's codec as signalled (for example a receiver's {@code TrackInfo.mime_type}), used for
   * frames that carry no MIME type of their own; null if unknown.
   */
  public String codecMimeTypeOrNull() {
    return codecMimeType;
  }

  /**
   * Whether the track uses LiveKit's frame-metadata ({@code LKTS}) trailer, on video frames only: a
   * receiver strips it (when present and well formed) before decryption; a sender appends one for
   * video frames that carry {@link EncodedFrame#metadata()}. False by default, as LiveKit JS looks
   * for it only on video tracks that advertise it.
   */
  public boolean frameMetadataTrailer() {
    return frameMetadataTrailer;
  }

  /** Whether the cryptor starts enabled; true by default. */
  public boolean enabled() {
    return enabled;
  }

  /**
   * The longest frame the cryptor takes, in bytes ({@link #DEFAULT_MAX_FRAME_BYTES} unless set): a
   * longer frame, to send or received, is dropped with {@link FrameDropReason#FRAME_TOO_LARGE}
   * before any work is done on it. For a received frame the length counted is the whole payload,
   * trailers included.
   */
  public int maxFrameBytes() {
    return maxFrameBytes;
  }

  /** <b>Insecure, tests and interop only:</b> the IV source replacing the key's own, or null (the default). */
  public InsecureIvSource insecureIvSourceOrNull() {
    return insecureIvSource;
  }

  @Override
  public String toString() {
    return "FrameCryptorConfig[participant=" + participant + ", trackId=" + trackId + ", direction=" + direction
        + ", encryptionType=" + encryptionType.id() + ", policy=" + unencryptedFramePolicy
        + ", codec=" + codecMimeType + ", frameMetadataTrailer=" + frameMetadataTrailer
        + ", enabled=" + enabled + ", maxFrameBytes=" + maxFrameBytes + (insecureIvSource != null ? ", INSECURE IV SOURCE" : "") + "]";
  }

  /** Builds a {@link FrameCryptorConfig}. Not thread-safe. */
  public static final class Builder {
    private final ParticipantId participant;
    private final String trackId;
    private final Direction direction;
    private final KeyHandler keyHandler;
    private final EncryptionType encryptionType;
    private KeyProviderOptions options = KeyProviderOptions.defaults();
    private E2eeStateListener stateListener = NO_LISTENER;
    private UnencryptedFramePolicy unencryptedFramePolicy = UnencryptedFramePolicy.REFUSE_AND_REPORT;
    private String codecMimeType;
    private boolean frameMetadataTrailer;
    private boolean enabled = true;
    private InsecureIvSource insecureIvSource;
    private int maxFrameBytes = DEFAULT_MAX_FRAME_BYTES;

    private Builder(ParticipantId participant, String trackId, Direction direction, KeyHandler keyHandler,
        EncryptionType encryptionType) {
      this.participant = Objects.requireNonNull(participant, "participant is null");
      this.trackId = Objects.requireNonNull(trackId, "trackId is null");
      this.direction = Objects.requireNonNull(direction, "direction is null");
      this.keyHandler = Objects.requireNonNull(keyHandler, "keyHandler is null");
      this.encryptionType = Objects.requireNonNull(encryptionType, "encryptionType is null");
    }

    /** The key-provider options (normally the provider's own). */
    public Builder options(KeyProviderOptions options) {
      this.options = Objects.requireNonNull(options, "options is null");
      return this;
    }

    /** The state listener. */
    public Builder stateListener(E2eeStateListener listener) {
      this.stateListener = Objects.requireNonNull(listener, "listener is null");
      return this;
    }

    /** The policy for frames reaching a disabled receiving cryptor. */
    public Builder unencryptedFramePolicy(UnencryptedFramePolicy policy) {
      this.unencryptedFramePolicy = Objects.requireNonNull(policy, "policy is null");
      return this;
    }

    /** The track's signalled codec MIME type, or null. */
    public Builder codecMimeType(String mimeType) {
      this.codecMimeType = mimeType;
      return this;
    }

    /** Whether the track uses the {@code LKTS} frame-metadata trailer. */
    public Builder frameMetadataTrailer(boolean on) {
      this.frameMetadataTrailer = on;
      return this;
    }

    /** Whether the cryptor starts enabled. */
    public Builder enabled(boolean on) {
      this.enabled = on;
      return this;
    }

    /**
     * The longest frame taken, in bytes; see {@link FrameCryptorConfig#maxFrameBytes()}.
     *
     * @throws IllegalArgumentException if {@code bytes} is not positive
     */
    public Builder maxFrameBytes(int bytes) {
      if (bytes <= 0) {
        throw new IllegalArgumentException("maxFrameBytes must be positive, was " + bytes);
      }
      this.maxFrameBytes = bytes;
      return this;
    }

    /**
     * <b>Insecure, tests and interop only:</b> take IVs from {@code source} instead of the key's
     * never-repeating counter. See {@link InsecureIvSource}.
     */
    public Builder insecureIvSourceForTesting(InsecureIvSource source) {
      this.insecureIvSource = source;
      return this;
    }

    /** The config. */
    public FrameCryptorConfig build() {
      return new FrameCryptorConfig(this);
    }
  }
}
