package io.e2ee4j.api.spi;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;

/**
 * An authenticated cipher bound to one key, created by {@link EncryptionType#newAead(byte[])}.
 *
 * <p>Buffer contract, for both methods: {@code iv} and {@code aad} are read from position to
 * limit and left unchanged (an empty {@code aad} means no additional data); {@code input} is read
 * from position to limit and its position advances to the limit; the result is written at {@code
 * output}'s position, which advances by the number of bytes written. Heap and direct buffers both
 * work. {@code input} and {@code output} must not overlap unless they are the same region of the
 * same buffer (in-place). On failure, {@code output} may hold garbage in the region it would have
 * written; no plaintext is returned for a ciphertext that does not authenticate.
 *
 * <p>Thread safety: implementations must be safe for concurrent use by many threads.
 */
public interface Aead {

  /**
   * Encrypts and authenticates {@code plaintext}; writes ciphertext followed by the tag.
   *
   * @param iv exactly {@link EncryptionType#ivLengthBytes()} bytes, never repeated under this key
   * @return the bytes written: plaintext length + {@link EncryptionType#tagLengthBytes()}
   * @throws GeneralSecurityException if the IV length is wrong, {@code output} is too small
   *     ({@link javax.crypto.ShortBufferException}) or the provider fails
   */
  int seal(ByteBuffer iv, ByteBuffer aad, ByteBuffer plaintext, ByteBuffer output)
      throws GeneralSecurityException;

  /**
   * Checks and decrypts {@code ciphertextAndTag}; writes the plaintext.
   *
   * @return the bytes written: input length - {@link EncryptionType#tagLengthBytes()}
   * @throws javax.crypto.AEADBadTagException if authentication fails (the message says only
   *     "decryption failed")
   * @throws GeneralSecurityException for a wrong IV length, an input shorter than the tag, a too
   *     small {@code output}, or a provider failure
   */
  int open(ByteBuffer iv, ByteBuffer aad, ByteBuffer ciphertextAndTag, ByteBuffer output)
      throws GeneralSecurityException;
}
