package io.e2ee4j.api.media;

/**
 * Service-provider interface for frame cryptors, found with {@link java.util.ServiceLoader}. The
 * module {@code io.e2ee4j.transport.webrtc} provides the LiveKit frame format under id {@code
 * "livekit"}.
 *
 * <p>To write one: a {@code public final} class with a public no-arg constructor that does no
 * work, registered both in {@code module-info.java} ({@code provides
 * io.e2ee4j.api.media.FrameCryptorFactory with ...}) and in {@code
 * META-INF/services/io.e2ee4j.api.media.FrameCryptorFactory}.
 *
 * <p>Thread safety: implementations must be immutable and thread-safe.
 */
public interface FrameCryptorFactory {

  /** The frame format's id, lower case, such as {@code "livekit"}. */
  String id();

  /**
   * A new cryptor for one participant's track in one direction.
   *
   * @throws IllegalArgumentException if the encryption type is unusable for this format (for
   *     example an IV length over 255 bytes, which the trailer cannot carry)
   */
  FrameCryptor create(FrameCryptorConfig config);
}
