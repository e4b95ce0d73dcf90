package io.e2ee4j.cipher.custom.internal;

import io.e2ee4j.api.spi.Aead;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import javax.crypto.AEADBadTagException;

/**
 * Holds an application's {@link Aead} to the SPI's contract, so a careless implementation cannot
 * hurt the frame path: wrong IV lengths and short outputs are refused before it is called; an
 * authentication failure always reads "decryption failed" and leaves the output region zeroed; a
 * {@link RuntimeException} becomes a {@link GeneralSecurityException} (whose message names only the
 * implementing class); a wrong byte count is an error, never forwarded.
 *
 * <p>Thread-safe if the wrapped cipher is, as the SPI requires.
 */
public final class CheckedAead implements Aead {

  private final Aead delegate;
  private final int ivLength;
  private final int tagLength;
  private final String name;

  /** Wraps {@code delegate}, whose type declares {@code ivLength} and {@code tagLength}. */
  public CheckedAead(Aead delegate, int ivLength, int tagLength) {
    this.delegate = delegate;
    this.ivLength = ivLength;
    this.tagLength = tagLength;
    this.name = delegate.getClass().getName();
  }

  @Override
  public int seal(ByteBuffer iv, ByteBuffer aad, ByteBuffer plaintext, ByteBuffer output)
      throws GeneralSecurityException {
    checkIv(iv);
    int length = plaintext.remaining();
    AeadChecks.room(output, length + tagLength);
    int outPos = output.position();
    int written;
    try {
      written = delegate.seal(iv, aad, plaintext, output);
    } catch (RuntimeException e) {
      throw new GeneralSecurityException("custom cipher " + name + " failed to seal: " + e.getClass().getName(), e);
    }
    if (written != length + tagLength || output.position() != outPos + written) {
      output.position(outPos);
      throw new GeneralSecurityException("custom cipher " + name + " broke the Aead contract: wrote " + written
          + " bytes for " + length + " bytes of plaintext and a " + tagLength + "-byte tag");
    }
    plaintext.position(plaintext.limit());
    return written;
  }

  @Override
  public int open(ByteBuffer iv, ByteBuffer aad, ByteBuffer ciphertextAndTag, ByteBuffer output)
      throws GeneralSecurityException {
    checkIv(iv);
    int length = ciphertextAndTag.remaining();
    if (length < tagLength) {
      throw new AEADBadTagException("decryption failed");
    }
    AeadChecks.room(output, length - tagLength);
    int outPos = output.position();
    int written;
    try {
      written = delegate.open(iv, aad, ciphertextAndTag, output);
    } catch (AEADBadTagException e) {
      fail(output, outPos, length);
      throw new AEADBadTagException("decryption failed");
    } catch (GeneralSecurityException e) {
      fail(output, outPos, length);
      throw e;
    } catch (RuntimeException e) {
      fail(output, outPos, length);
      throw new GeneralSecurityException("custom cipher " + name + " failed to open: " + e.getClass().getName(), e);
    }
    if (written != length - tagLength || output.position() != outPos + written) {
      fail(output, outPos, length);
      throw new GeneralSecurityException("custom cipher " + name + " broke the Aead contract: wrote " + written
          + " bytes for " + length + " bytes of ciphertext and tag");
    }
    ciphertextAndTag.position(ciphertextAndTag.limit());
    return written;
  }

  private void fail(ByteBuffer output, int outPos, int length) {
    AeadChecks.wipe(output, outPos, length - tagLength);
    output.position(outPos);
  }

  private void checkIv(ByteBuffer iv) throws InvalidAlgorithmParameterException {
    if (iv.remaining() != ivLength) {
      throw new InvalidAlgorithmParameterException("custom cipher IV must be " + ivLength + " bytes, was "
          + iv.remaining());
    }
  }

  @Override
  public String toString() {
    return "CheckedAead[" + name + "]";
  }
}
