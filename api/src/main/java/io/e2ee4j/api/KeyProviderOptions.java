package io.e2ee4j.api;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * LiveKit's key-provider options, with LiveKit JS {@code BaseKeyProvider}'s defaults and bounds
 * (spec section 4.1). Build with {@link #builder()}; {@link #externalSharedKey()} gives the options
 * of LiveKit JS's {@code ExternalE2EEKeyProvider} (one shared key, no auto-ratchet, no failure
 * tolerance).
 *
 * <table>
 *   <caption>Options</caption>
 *   <tr><th>option</th><th>default</th><th>bounds</th></tr>
 *   <tr><td>sharedKey</td><td>false</td><td></td></tr>
 *   <tr><td>ratchetSalt</td><td>UTF-8 "LKFrameEncryptionKey"</td><td>any bytes</td></tr>
 *   <tr><td>ratchetWindowSize</td><td>8</td><td>0..{@value #MAX_RATCHET_WINDOW_SIZE}</td></tr>
 *   <tr><td>failureTolerance</td><td>10</td><td>-1 (never mark a key invalid) or more</td></tr>
 *   <tr><td>keyRingSize</td><td>16</td><td>1..256</td></tr>
 *   <tr><td>keySizeBits</td><td>128</td><td>128 or 256</td></tr>
 *   <tr><td>keyDerivation</td><td>empty: by material kind, as LiveKit JS</td><td>PBKDF2, HKDF</td></tr>
 *   <tr><td>sifTrailer</td><td>empty: no server-injected-frame handling</td><td>any bytes</td></tr>
 *   <tr><td>discardFrameWhenCryptorNotReady</td><td>false</td><td></td></tr>
 * </table>
 *
 * <p>Immutable and thread-safe. The salt and the SIF trailer are not secret; {@code toString}
 * shows them.
 */
public final class KeyProviderOptions {

  /** LiveKit's default ratchet salt, UTF-8 "LKFrameEncryptionKey". */
  public static final String DEFAULT_RATCHET_SALT = "LKFrameEncryptionKey";
  /** Upper bound of the ratchet window: it bounds the work one bad frame can cause. */
  public static final int MAX_RATCHET_WINDOW_SIZE = 255;
  /** Largest key ring (LiveKit JS and newer native). */
  public static final int MAX_KEY_RING_SIZE = 256;

  private final boolean sharedKey;
  private final byte[] ratchetSalt;
  private final int ratchetWindowSize;
  private final int failureTolerance;
  private final int keyRingSize;
  private final int keySizeBits;
  private final KeyDerivation keyDerivation;
  private final byte[] sifTrailer;
  private final boolean discardFrameWhenCryptorNotReady;

  private KeyProviderOptions(Builder b) {
    this.sharedKey = b.sharedKey;
    this.ratchetSalt = b.ratchetSalt.clone();
    this.ratchetWindowSize = b.ratchetWindowSize;
    this.failureTolerance = b.failureTolerance;
    this.keyRingSize = b.keyRingSize;
    this.keySizeBits = b.keySizeBits;
    this.keyDerivation = b.keyDerivation;
    this.sifTrailer = b.sifTrailer.clone();
    this.discardFrameWhenCryptorNotReady = b.discardFrameWhenCryptorNotReady;
  }

  /** A builder with LiveKit JS {@code BaseKeyProvider}'s defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** LiveKit JS's defaults: per-participant keys, window 8, tolerance 10, ring 16, AES-128. */
  public static KeyProviderOptions defaults() {
    return builder().build();
  }

  /**
   * The options LiveKit JS's {@code ExternalE2EEKeyProvider} forces: a shared key, ratchet window
   * 0, failure tolerance -1; the rest default.
   */
  public static KeyProviderOptions externalSharedKey() {
    return builder().sharedKey(true).ratchetWindowSize(0).failureTolerance(-1).build();
  }

  /** A builder holding these options, to change some of them. */
  public Builder toBuilder() {
    return new Builder()
        .sharedKey(sharedKey)
        .ratchetSalt(ratchetSalt)
        .ratchetWindowSize(ratchetWindowSize)
        .failureTolerance(failureTolerance)
        .keyRingSize(keyRingSize)
        .keySizeBits(keySizeBits)
        .keyDerivation(keyDerivation)
        .sifTrailer(sifTrailer)
        .discardFrameWhenCryptorNotReady(discardFrameWhenCryptorNotReady);
  }

  /** True: one key ring for everybody; false: one key ring per participant identity. */
  public boolean sharedKey() {
    return sharedKey;
  }

  /** The salt of both the KDF and the ratchet (a copy). */
  public byte[] ratchetSalt() {
    return ratchetSalt.clone();
  }

  /** How many successive ratchets a receiver tries after a decryption failure; 0 = none. */
  public int ratchetWindowSize() {
    return ratchetWindowSize;
  }

  /** Failures per key index before that key is marked invalid; -1 = never. */
  public int failureTolerance() {
    return failureTolerance;
  }

  /** The number of key slots per handler, 1..256. */
  public int keyRingSize() {
    return keyRingSize;
  }

  /** The AES key size in bits, 128 or 256. */
  public int keySizeBits() {
    return keySizeBits;
  }

  /** The AES key size in bytes, 16 or 32. */
  public int keySizeBytes() {
    return keySizeBits / 8;
  }

  /** The fixed key derivation, or empty to pick it by material kind as LiveKit JS does. */
  public Optional<KeyDerivation> keyDerivation() {
    return Optional.ofNullable(keyDerivation);
  }

  /** The server-injected-frame trailer (a copy); empty = no SIF handling. */
  public byte[] sifTrailer() {
    return sifTrailer.clone();
  }

  /** True: a cryptor that is not ready (disabled, or without a key) drops frames instead of passing them. */
  public boolean discardFrameWhenCryptorNotReady() {
    return discardFrameWhenCryptorNotReady;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KeyProviderOptions other
        && sharedKey == other.sharedKey
        && Arrays.equals(ratchetSalt, other.ratchetSalt)
        && ratchetWindowSize == other.ratchetWindowSize
        && failureTolerance == other.failureTolerance
        && keyRingSize == other.keyRingSize
        && keySizeBits == other.keySizeBits
        && keyDerivation == other.keyDerivation
        && Arrays.equals(sifTrailer, other.sifTrailer)
        && discardFrameWhenCryptorNotReady == other.discardFrameWhenCryptorNotReady;
  }

  @Override
  public int hashCode() {
    return Objects.hash(sharedKey, Arrays.hashCode(ratchetSalt), ratchetWindowSize, failureTolerance,
        keyRingSize, keySizeBits, keyDerivation, Arrays.hashCode(sifTrailer), discardFrameWhenCryptorNotReady);
  }

  @Override
  public String toString() {
    HexFormat hex = HexFormat.of();
    return "KeyProviderOptions[sharedKey=" + sharedKey
        + ", ratchetSalt=" + hex.formatHex(ratchetSalt)
        + ", ratchetWindowSize=" + ratchetWindowSize
        + ", failureTolerance=" + failureTolerance
        + ", keyRingSize=" + keyRingSize
        + ", keySizeBits=" + keySizeBits
        + ", keyDerivation=" + (keyDerivation == null ? "by material" : keyDerivation)
        + ", sifTrailer=" + hex.formatHex(sifTrailer)
        + ", discardFrameWhenCryptorNotReady=" + discardFrameWhenCryptorNotReady + "]";
  }

  /** Builds {@link KeyProviderOptions}; each setter checks its bounds at once. Not thread-safe. */
  public static final class Builder {
    private boolean sharedKey;
    private byte[] ratchetSalt = DEFAULT_RATCHET_SALT.getBytes(StandardCharsets.UTF_8);
    private int ratchetWindowSize = 8;
    private int failureTolerance = 10;
    private int keyRingSize = 16;
    private int keySizeBits = 128;
    private KeyDerivation keyDerivation;
    private byte[] sifTrailer = new byte[0];
    private boolean discardFrameWhenCryptorNotReady;

    private Builder() {}

    /** One key ring for everybody (true) or one per participant (false). */
    public Builder sharedKey(boolean sharedKey) {
      this.sharedKey = sharedKey;
      return this;
    }

    /** The KDF and ratchet salt (copied). */
    public Builder ratchetSalt(byte[] salt) {
      this.ratchetSalt = Objects.requireNonNull(salt, "salt is null").clone();
      return this;
    }

    /** The KDF and ratchet salt as a string, UTF-8 encoded as LiveKit JS's {@code TextEncoder} does. */
    public Builder ratchetSalt(String salt) {
      return ratchetSalt(KeyMaterial.textEncoderUtf8(Objects.requireNonNull(salt, "salt is null")));
    }

    /** @throws IllegalArgumentException outside 0..{@value #MAX_RATCHET_WINDOW_SIZE} */
    public Builder ratchetWindowSize(int size) {
      if (size < 0 || size > MAX_RATCHET_WINDOW_SIZE) {
        throw new IllegalArgumentException("ratchetWindowSize must be 0.." + MAX_RATCHET_WINDOW_SIZE + ", was " + size);
      }
      this.ratchetWindowSize = size;
      return this;
    }

    /** @throws IllegalArgumentException below -1 */
    public Builder failureTolerance(int tolerance) {
      if (tolerance < -1) {
        throw new IllegalArgumentException("failureTolerance must be -1 (never) or more, was " + tolerance);
      }
      this.failureTolerance = tolerance;
      return this;
    }

    /** @throws IllegalArgumentException outside 1..256 */
    public Builder keyRingSize(int size) {
      if (size < 1 || size > MAX_KEY_RING_SIZE) {
        throw new IllegalArgumentException("keyRingSize must be 1.." + MAX_KEY_RING_SIZE + ", was " + size);
      }
      this.keyRingSize = size;
      return this;
    }

    /** @throws IllegalArgumentException unless 128 or 256 */
    public Builder keySizeBits(int bits) {
      if (bits != 128 && bits != 256) {
        throw new IllegalArgumentException("keySizeBits must be 128 or 256, was " + bits);
      }
      this.keySizeBits = bits;
      return this;
    }

    /** The KDF for all material, or null to pick by material kind (LiveKit JS). */
    public Builder keyDerivation(KeyDerivation derivation) {
      this.keyDerivation = derivation;
      return this;
    }

    /** The SIF trailer (copied); empty disables SIF handling. */
    public Builder sifTrailer(byte[] trailer) {
      this.sifTrailer = Objects.requireNonNull(trailer, "trailer is null").clone();
      return this;
    }

    /** Drop instead of passing frames while a cryptor is not ready. */
    public Builder discardFrameWhenCryptorNotReady(boolean discard) {
      this.discardFrameWhenCryptorNotReady = discard;
      return this;
    }

    /** The options. */
    public KeyProviderOptions build() {
      return new KeyProviderOptions(this);
    }
  }
}
