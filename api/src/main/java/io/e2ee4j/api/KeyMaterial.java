package io.e2ee4j.api;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import javax.security.auth.Destroyable;

/**
 * Secret key material handed to a {@link KeyProvider}: a passphrase (its UTF-8 bytes as {@code
 * TextEncoder} writes them, lone surrogates as U+FFFD, no Unicode normalisation) or raw bytes, as
 * LiveKit's {@code createKeyMaterialFromString} and {@code
 * createKeyMaterialFromBuffer}.
 *
 * <p>The kind matters only when {@link KeyProviderOptions#keyDerivation()} is empty: then, as in
 * LiveKit JS, a passphrase derives with {@link KeyDerivation#PBKDF2} and raw bytes with {@link
 * KeyDerivation#HKDF}.
 *
 * <p>Holds a private copy of the bytes; {@link #destroy()} wipes it (best effort: the JVM may
 * have copied it). {@code toString} never shows the bytes. Not a record on purpose. Thread-safe
 * for reads; do not destroy while another thread still uses the material.
 */
public final class KeyMaterial implements Destroyable {

  /** Where the bytes came from. */
  public enum Kind {
    /** The UTF-8 bytes of a passphrase. */
    PASSPHRASE,
    /** Raw bytes. */
    RAW
  }

  private final Kind kind;
  private final byte[] bytes;
  private volatile boolean destroyed;

  private KeyMaterial(Kind kind, byte[] bytes) {
    this.kind = kind;
    this.bytes = bytes;
  }

  /**
   * Material from a passphrase: its UTF-8 bytes.
   *
   * @throws NullPointerException if {@code passphrase} is null
   * @throws IllegalArgumentException if it is empty
   */
  public static KeyMaterial fromPassphrase(String passphrase) {
    Objects.requireNonNull(passphrase, "passphrase is null");
    if (passphrase.isEmpty()) {
      throw new IllegalArgumentException("passphrase is empty");
    }
    return new KeyMaterial(Kind.PASSPHRASE, textEncoderUtf8(passphrase));
  }

  /**
   * UTF-8 as the WHATWG {@code TextEncoder} writes it (LiveKit JS): a lone surrogate becomes U+FFFD
   * ({@code ef bf bd}); {@code String.getBytes(UTF_8)} would write {@code '?'} instead.
   */
  static byte[] textEncoderUtf8(String s) {
    StringBuilder repaired = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean paired = Character.isHighSurrogate(c) && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1));
      if (paired) {
        if (repaired != null) {
          repaired.append(c).append(s.charAt(i + 1));
        }
        i++;
      } else if (Character.isSurrogate(c)) {
        if (repaired == null) {
          repaired = new StringBuilder(s.length()).append(s, 0, i);
        }
        repaired.append('\uFFFD');
      } else if (repaired != null) {
        repaired.append(c);
      }
    }
    return (repaired == null ? s : repaired.toString()).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Material from raw bytes (copied; the caller may wipe its array afterwards).
   *
   * @throws NullPointerException if {@code raw} is null
   * @throws IllegalArgumentException if it is empty
   */
  public static KeyMaterial fromBytes(byte[] raw) {
    Objects.requireNonNull(raw, "raw is null");
    if (raw.length == 0) {
      throw new IllegalArgumentException("key material is empty");
    }
    return new KeyMaterial(Kind.RAW, raw.clone());
  }

  /** Where the bytes came from. */
  public Kind kind() {
    return kind;
  }

  /** The number of bytes of material. */
  public int length() {
    return bytes.length;
  }

  /**
   * The derivation this material uses under {@code options}: the options' fixed choice, else
   * PBKDF2 for a passphrase and HKDF for raw bytes.
   */
  public KeyDerivation derivationUnder(KeyProviderOptions options) {
    return options.keyDerivation().orElse(kind == Kind.PASSPHRASE ? KeyDerivation.PBKDF2 : KeyDerivation.HKDF);
  }

  /**
   * A copy of the secret bytes. The caller owns the copy and should wipe it when done.
   *
   * @throws IllegalStateException if destroyed
   */
  public byte[] copyBytes() {
    if (destroyed) {
      throw new IllegalStateException("key material destroyed");
    }
    return bytes.clone();
  }

  /** Wipes the bytes (best effort). */
  @Override
  public void destroy() {
    destroyed = true;
    Arrays.fill(bytes, (byte) 0);
  }

  @Override
  public boolean isDestroyed() {
    return destroyed;
  }

  /** Shows the kind and length, never the bytes. */
  @Override
  public String toString() {
    return "KeyMaterial[" + kind + ", " + bytes.length + " bytes]";
  }
}
