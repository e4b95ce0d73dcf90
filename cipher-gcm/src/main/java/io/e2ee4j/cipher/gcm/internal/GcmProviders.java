package io.e2ee4j.cipher.gcm.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.util.Arrays;
import java.util.Locale;
import javax.crypto.Cipher;

/**
 * Chooses the JCA provider for AES-GCM once per JVM: Conscrypt when it is on the path, loads and
 * agrees with the JDK's provider on a self-test (same ciphertext, tamper rejected); otherwise the
 * JDK's. The system property {@value #PROPERTY} ({@code jdk} or {@code conscrypt}) forces it.
 */
public final class GcmProviders {

  /** System property that forces the provider: {@code jdk} or {@code conscrypt}. */
  public static final String PROPERTY = "io.e2ee4j.cipher.gcm.provider";

  private static final Logger LOG = System.getLogger("io.e2ee4j.cipher.gcm");

  private GcmProviders() {}

  private static final class Holder {
    static final Provider CHOSEN = choose();
  }

  /** The provider chosen for this JVM. */
  public static Provider chosen() {
    return Holder.CHOSEN;
  }

  /** The JDK's own provider of AES/GCM/NoPadding (SunJCE on OpenJDK). */
  public static Provider jdk() {
    try {
      return Cipher.getInstance("AES/GCM/NoPadding").getProvider();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK offers no AES/GCM/NoPadding", e);
    }
  }

  /** Conscrypt's provider if it is on the path, loads, and passes the self-test; else null. */
  public static Provider conscryptOrNull() {
    Provider provider;
    try {
      provider = ConscryptLoader.newProviderOrNull();
    } catch (LinkageError | RuntimeException e) {
      LOG.log(Level.DEBUG, "Conscrypt not usable: {0}", e.toString());
      return null;
    }
    if (provider == null) {
      return null;
    }
    if (!agrees(provider, jdk())) {
      LOG.log(Level.WARNING, "Conscrypt loaded but failed the AES-GCM self-test; using the JDK provider");
      return null;
    }
    return provider;
  }

  private static Provider choose() {
    String forced = System.getProperty(PROPERTY, "").trim().toLowerCase(Locale.ROOT);
    if (forced.equals("jdk")) {
      return jdk();
    }
    Provider conscrypt = conscryptOrNull();
    if (conscrypt != null) {
      LOG.log(Level.DEBUG, "AES-GCM on Conscrypt");
      return conscrypt;
    }
    if (forced.equals("conscrypt")) {
      LOG.log(Level.WARNING, PROPERTY + "=conscrypt but Conscrypt cannot load here; using the JDK provider");
    }
    return jdk();
  }

  /** True if both providers give the same ciphertext for one fixed message and both reject a tampered one. */
  static boolean agrees(Provider candidate, Provider reference) {
    byte[] key = new byte[16];
    byte[] iv = new byte[12];
    byte[] aad = new byte[7];
    byte[] plaintext = new byte[45];
    for (int i = 0; i < plaintext.length; i++) {
      plaintext[i] = (byte) (i * 31 + 7);
      if (i < key.length) {
        key[i] = (byte) (i + 1);
      }
      if (i < iv.length) {
        iv[i] = (byte) (0xA0 + i);
      }
      if (i < aad.length) {
        aad[i] = (byte) (0x50 - i);
      }
    }
    try {
      byte[] expected = seal(reference, key, iv, aad, plaintext);
      byte[] actual = seal(candidate, key, iv, aad, plaintext);
      if (!Arrays.equals(expected, actual)) {
        return false;
      }
      byte[] opened = open(candidate, key, iv, aad, actual);
      if (!Arrays.equals(plaintext, opened)) {
        return false;
      }
      actual[actual.length - 1] ^= 1;
      try {
        open(candidate, key, iv, aad, actual);
        return false;
      } catch (GeneralSecurityException expectedFailure) {
        return true;
      }
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  private static byte[] seal(Provider p, byte[] key, byte[] iv, byte[] aad, byte[] pt) throws GeneralSecurityException {
    JcaAesGcm gcm = new JcaAesGcm(key, p);
    ByteBuffer out = ByteBuffer.allocate(pt.length + 16);
    gcm.seal(ByteBuffer.wrap(iv), ByteBuffer.wrap(aad), ByteBuffer.wrap(pt), out);
    return out.array();
  }

  private static byte[] open(Provider p, byte[] key, byte[] iv, byte[] aad, byte[] ct) throws GeneralSecurityException {
    JcaAesGcm gcm = new JcaAesGcm(key, p);
    ByteBuffer out = ByteBuffer.allocate(ct.length - 16);
    gcm.open(ByteBuffer.wrap(iv), ByteBuffer.wrap(aad), ByteBuffer.wrap(ct), out);
    return out.array();
  }
}
