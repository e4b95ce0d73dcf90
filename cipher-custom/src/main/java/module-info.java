/**
 * Encryption types beyond LiveKit's {@code "gcm"}:
 *
 * <ul>
 *   <li>{@code "custom"}: an application's own AEAD, through {@link
 *       io.e2ee4j.cipher.custom.CustomEncryptionType} (plain code, a Guice binding, or a {@code
 *       ServiceLoader} provider in the application's jar). This module registers no {@code "custom"}
 *       type itself: the id is the application's.
 *   <li>{@code "chacha20-poly1305"}: RFC 8439, for devices without AES instructions; the JDK's
 *       provider, BouncyCastle as fallback.
 *   <li>{@code "aes-gcm-siv"}: RFC 8452, nonce-misuse resistant; BouncyCastle.
 * </ul>
 *
 * <p>Logger name: {@code io.e2ee4j.cipher.custom}.
 */
module io.e2ee4j.cipher.custom {
  // EncryptionType and Aead appear in the exported signatures of CustomEncryptionType.
  requires transitive io.e2ee4j.api;
  // BouncyCastle's lightweight API (a named module); used only inside ...custom.internal.
  requires org.bouncycastle.provider;

  exports io.e2ee4j.cipher.custom;

  provides io.e2ee4j.api.spi.EncryptionType with
      io.e2ee4j.cipher.custom.ChaCha20Poly1305EncryptionType,
      io.e2ee4j.cipher.custom.AesGcmSivEncryptionType;
}
