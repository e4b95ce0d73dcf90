package io.e2ee4j.plugintests;

import io.e2ee4j.api.spi.Aead;
import io.e2ee4j.cipher.custom.CustomEncryptionType;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * An application's own cipher, the way the README shows it: a {@link CustomEncryptionType} with a
 * no-arg constructor, registered in this module's test {@code META-INF/services}, so {@code
 * EncryptionTypeCatalog.loadInstalled()} finds it as {@code "custom"}. The cipher is the JDK's
 * AES-GCM with a 12-byte tag (so its frames differ from the {@code "gcm"} type's), one {@link
 * Cipher} per call (simple, thread-safe, not the fastest).
 */
public final class AppCipher extends CustomEncryptionType {

  /** For ServiceLoader. */
  public AppCipher() {
    super(12, 12, 16, 32);
  }

  @Override
  protected Aead createAead(byte[] key) {
    SecretKeySpec spec = new SecretKeySpec(key, "AES");
    return new Aead() {
      @Override
      public int seal(ByteBuffer iv, ByteBuffer aad, ByteBuffer plaintext, ByteBuffer output)
          throws GeneralSecurityException {
        return init(Cipher.ENCRYPT_MODE, iv, aad).doFinal(plaintext, output);
      }

      @Override
      public int open(ByteBuffer iv, ByteBuffer aad, ByteBuffer ciphertextAndTag, ByteBuffer output)
          throws GeneralSecurityException {
        return init(Cipher.DECRYPT_MODE, iv, aad).doFinal(ciphertextAndTag, output);
      }

      private Cipher init(int mode, ByteBuffer iv, ByteBuffer aad) throws GeneralSecurityException {
        byte[] nonce = new byte[iv.remaining()];
        iv.get(iv.position(), nonce);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, spec, new GCMParameterSpec(96, nonce));
        byte[] ad = new byte[aad.remaining()];
        aad.get(aad.position(), ad);
        cipher.updateAAD(ad);
        return cipher;
      }
    };
  }
}
