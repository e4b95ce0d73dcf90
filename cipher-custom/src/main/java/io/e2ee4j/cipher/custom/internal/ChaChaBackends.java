package io.e2ee4j.cipher.custom.internal;

import io.e2ee4j.api.spi.Aead;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.util.Arrays;
import java.util.Locale;
import javax.crypto.Cipher;

/**
 * Chooses, once per JVM, where ChaCha20-Poly1305 runs: the JDK's provider when it offers {@value
 * JcaChaCha20Poly1305#TRANSFORMATION} and agrees with BouncyCastle on a self-test (same bytes,
 * tamper refused), otherwise BouncyCastle. Measured on this project's machine (x86_64, 1200-byte
 * frames): JDK 17 and BC are even; from JDK 20 on the JDK's intrinsics make it several times faster.
 * The system property {@value #PROPERTY} ({@code jdk} or {@code bc}) forces the choice.
 */
public final class ChaChaBackends {

  /** System property that forces the backend: {@code jdk} or {@code bc}. */
  public static final String PROPERTY = "io.e2ee4j.cipher.custom.chacha20";

  private static final Logger LOG = System.getLogger("io.e2ee4j.cipher.custom");

  private ChaChaBackends() {}

  private static final class Holder {
    static final Provider CHOSEN_JDK = choose();
  }

  /** The JDK provider chosen for this JVM, or null when BouncyCastle is used. */
  public static Provider chosenJdkProviderOrNull() {
    return Holder.CHOSEN_JDK;
  }

  /** The JDK's provider of ChaCha20-Poly1305 if this JDK has one and it passes the self-test; else null. */
  public static Provider jdkOrNull() {
    Provider provider;
    try {
      provider = Cipher.getInstance(JcaChaCha20Poly1305.TRANSFORMATION).getProvider();
    } catch (GeneralSecurityException e) {
      return null;
    }
    if (!agreesWithBouncyCastle(provider)) {
      LOG.log(Level.WARNING, "the JDK's ChaCha20-Poly1305 ({0}) failed the self-test; using BouncyCastle",
          provider.getName());
      return null;
    }
    return provider;
  }

  private static Provider choose() {
    String forced = System.getProperty(PROPERTY, "").trim().toLowerCase(Locale.ROOT);
    if (forced.equals("bc")) {
      return null;
    }
    Provider jdk = jdkOrNull();
    LOG.log(Level.DEBUG, "ChaCha20-Poly1305 on {0}", jdk != null ? jdk.getName() : "BouncyCastle");
    return jdk;
  }

  static boolean agreesWithBouncyCastle(Provider provider) {
    byte[] key = new byte[32];
    byte[] iv = new byte[12];
    byte[] aad = new byte[5];
    byte[] plaintext = new byte[77];
    for (int i = 0; i < plaintext.length; i++) {
      plaintext[i] = (byte) (i * 13 + 1);
    }
    for (int i = 0; i < key.length; i++) {
      key[i] = (byte) (0x80 + i);
    }
    Arrays.fill(iv, (byte) 7);
    Arrays.fill(aad, (byte) 0x33);
    try {
      byte[] expected = seal(BcAead.chaCha20Poly1305(key), iv, aad, plaintext);
      Aead jdk = new JcaChaCha20Poly1305(key, provider);
      byte[] actual = seal(jdk, iv, aad, plaintext);
      if (!Arrays.equals(expected, actual)) {
        return false;
      }
      ByteBuffer out = ByteBuffer.allocate(plaintext.length);
      jdk.open(ByteBuffer.wrap(iv), ByteBuffer.wrap(aad), ByteBuffer.wrap(actual), out);
      if (!Arrays.equals(plaintext, out.array())) {
        return false;
      }
      actual[3] ^= 0x10;
      try {
        jdk.open(ByteBuffer.wrap(iv), ByteBuffer.wrap(aad), ByteBuffer.wrap(actual), ByteBuffer.allocate(plaintext.length));
        return false;
      } catch (GeneralSecurityException refused) {
        return true;
      }
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  private static byte[] seal(Aead aead, byte[] iv, byte[] aad, byte[] plaintext) throws GeneralSecurityException {
    ByteBuffer out = ByteBuffer.allocate(plaintext.length + 16);
    aead.seal(ByteBuffer.wrap(iv), ByteBuffer.wrap(aad), ByteBuffer.wrap(plaintext), out);
    return out.array();
  }
}
