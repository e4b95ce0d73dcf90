package io.e2ee4j.api.spi;

import java.security.GeneralSecurityException;

/**
 * An encryption type: a named AEAD family that e2ee4j discovers with {@link
 * java.util.ServiceLoader} and uses for frames and data packets.
 *
 * <p>LiveKit's own type is {@code "gcm"} (AES-GCM, 12-byte IV, 16-byte tag). Frames carry the IV
 * in their trailer, so the IV and tag lengths of the type decide the frame overhead.
 *
 * <p>To write a plugin: a {@code public final} class with a public no-arg constructor that does
 * no work, registered both in {@code module-info.java} ({@code provides
 * io.e2ee4j.api.spi.EncryptionType with ...}) and in {@code
 * META-INF/services/io.e2ee4j.api.spi.EncryptionType}.
 *
 * <p>Thread safety: implementations must be immutable and thread-safe.
 */
public interface EncryptionType {

  /** The id users select it by, lower case, such as {@code "gcm"}; unique among installed types. */
  String id();

  /** The IV (nonce) length in bytes, at least 8 and at most 255. */
  int ivLengthBytes();

  /** The authentication-tag length in bytes. */
  int tagLengthBytes();

  /** Whether keys of {@code keyLengthBytes} bytes are accepted (LiveKit derives 16 or 32). */
  boolean supportsKeyLength(int keyLengthBytes);

  /**
   * A cipher bound to {@code key}. The key is copied; the caller may wipe its array afterwards.
   *
   * @throws GeneralSecurityException if the key length is not supported or the provider fails
   *     (messages never contain key bytes)
   */
  Aead newAead(byte[] key) throws GeneralSecurityException;

  /** A short human description for logs and reports, such as "AES-GCM (SunJCE)"; never secret. */
  default String description() {
    return id();
  }
}
