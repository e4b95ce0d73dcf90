/**
 * Encryption types beyond LiveKit's {@code "gcm"}: {@link
 * io.e2ee4j.cipher.custom.CustomEncryptionType} for an application's own AEAD under the id {@code
 * "custom"}, and the ready types {@link io.e2ee4j.cipher.custom.ChaCha20Poly1305EncryptionType}
 * ({@code "chacha20-poly1305"}) and {@link io.e2ee4j.cipher.custom.AesGcmSivEncryptionType} ({@code
 * "aes-gcm-siv"}).
 */
package io.e2ee4j.cipher.custom;
