package io.e2ee4j.cipher.custom;

import io.e2ee4j.api.spi.Aead;
import io.e2ee4j.api.spi.EncryptionType;
import io.e2ee4j.cipher.custom.internal.CheckedAead;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.util.Arrays;
import java.util.Objects;

/**
 * The {@code "custom"} encryption type: an application's own AEAD, as LiveKit's {@code
 * EncryptionType.CUSTOM}. The application supplies the cipher and its IV and tag sizes; e2ee4j
 * supplies IVs (from the key, never repeating), the frame and packet layouts and the key
 * management.
 *
 * <p><b>The id.</b> Every instance has the id {@value #ID}. This module installs no {@code
 * "custom"} type of its own, so the id belongs to the application, and an application has one:
 * a second {@code "custom"} type on the path is refused by the catalogue, which names both classes.
 * A library that ships a cipher for others to pick writes a plain {@link EncryptionType} with an id
 * of its own instead.
 *
 * <p><b>Three ways to install one.</b>
 *
 * <pre>{@code
 * // 1. Plain code: add it to the catalogue (or E2eeManager.builder().addEncryptionType(mine))
 * EncryptionType mine = CustomEncryptionType.of(12, 16, key -> new MyAead(key));
 * EncryptionTypeCatalog types = EncryptionTypeCatalog.loadInstalled().with(mine);
 *
 * // 2. Guice, in a module of yours installed next to E2eeModule
 * E2eeModule.encryptionTypes(binder()).addBinding(CustomEncryptionType.ID).toInstance(mine);
 *
 * // 3. ServiceLoader, in your own jar: a subclass with a public no-arg constructor,
 * //    registered in module-info.java (provides io.e2ee4j.api.spi.EncryptionType with com.acme.MyCipher;)
 * //    and in META-INF/services/io.e2ee4j.api.spi.EncryptionType
 * public final class MyCipher extends CustomEncryptionType {
 *   public MyCipher() { super(12, 16, 32); }                 // IV, tag, accepted key lengths
 *   protected Aead createAead(byte[] key) { return new MyAead(key); }
 * }
 * }</pre>
 *
 * <p><b>What is checked for you.</b> The {@link Aead} you return is held to the SPI's buffer
 * contract: wrong IV lengths and short outputs are refused before your code runs; an
 * authentication failure always surfaces as {@link javax.crypto.AEADBadTagException} "decryption
 * failed" with the output region zeroed; a {@link RuntimeException} from your code becomes a
 * {@link GeneralSecurityException} (so the frame path drops the frame rather than failing); a wrong
 * byte count is an error. Your AEAD must still be a real one (IND-CCA secure for unique IVs) and
 * thread-safe.
 *
 * <p><b>Sizes.</b> IVs of {@value #MIN_IV_LENGTH_BYTES} to {@value #MAX_IV_LENGTH_BYTES} bytes (the
 * range a {@link io.e2ee4j.api.CryptoKey} issues: a random prefix and a 32-bit counter), tags of
 * {@value #MIN_TAG_LENGTH_BYTES} to {@value #MAX_TAG_LENGTH_BYTES} bytes. Both appear on the wire:
 * every frame carries the IV and the tag.
 *
 * <p>Subclasses must be immutable and thread-safe, as every {@link EncryptionType}.
 */
public abstract class CustomEncryptionType implements EncryptionType {

  /** The id of every custom type: {@value}. */
  public static final String ID = "custom";
  /** The shortest IV accepted, in bytes. */
  public static final int MIN_IV_LENGTH_BYTES = 8;
  /** The longest IV accepted, in bytes. */
  public static final int MAX_IV_LENGTH_BYTES = 36;
  /** The shortest tag accepted, in bytes. */
  public static final int MIN_TAG_LENGTH_BYTES = 12;
  /** The longest tag accepted, in bytes. */
  public static final int MAX_TAG_LENGTH_BYTES = 64;

  /** Makes the cipher for one key, for {@link #of}. */
  @FunctionalInterface
  public interface AeadFactory {
    /**
     * A thread-safe cipher bound to {@code key}.
     *
     * @param key a fresh copy of the key, of a length the type accepts; the cipher may keep it
     * @throws GeneralSecurityException if the key cannot be used (never put key bytes in the message)
     */
    Aead newAead(byte[] key) throws GeneralSecurityException;
  }

  private final int ivLength;
  private final int tagLength;
  private final int[] keyLengths;

  /**
   * A custom type with these sizes.
   *
   * @param ivLengthBytes {@value #MIN_IV_LENGTH_BYTES}..{@value #MAX_IV_LENGTH_BYTES}
   * @param tagLengthBytes {@value #MIN_TAG_LENGTH_BYTES}..{@value #MAX_TAG_LENGTH_BYTES}
   * @param keyLengthsBytes the key lengths accepted, at least one; e2ee4j derives 16 or 32 bytes
   *     ({@code KeyProviderOptions.keySizeBits} 128 or 256)
   * @throws IllegalArgumentException if a size is out of range or no key length is given
   */
  protected CustomEncryptionType(int ivLengthBytes, int tagLengthBytes, int... keyLengthsBytes) {
    if (ivLengthBytes < MIN_IV_LENGTH_BYTES || ivLengthBytes > MAX_IV_LENGTH_BYTES) {
      throw new IllegalArgumentException("IV length must be " + MIN_IV_LENGTH_BYTES + ".." + MAX_IV_LENGTH_BYTES
          + " bytes, was " + ivLengthBytes);
    }
    if (tagLengthBytes < MIN_TAG_LENGTH_BYTES || tagLengthBytes > MAX_TAG_LENGTH_BYTES) {
      throw new IllegalArgumentException("tag length must be " + MIN_TAG_LENGTH_BYTES + ".." + MAX_TAG_LENGTH_BYTES
          + " bytes, was " + tagLengthBytes);
    }
    Objects.requireNonNull(keyLengthsBytes, "keyLengthsBytes is null");
    if (keyLengthsBytes.length == 0) {
      throw new IllegalArgumentException("at least one key length is needed");
    }
    for (int length : keyLengthsBytes) {
      if (length <= 0) {
        throw new IllegalArgumentException("key lengths must be positive, was " + length);
      }
    }
    this.ivLength = ivLengthBytes;
    this.tagLength = tagLengthBytes;
    this.keyLengths = keyLengthsBytes.clone();
    Arrays.sort(this.keyLengths);
  }

  /**
   * A custom type from a factory, accepting 16- and 32-byte keys (what e2ee4j derives).
   *
   * @throws IllegalArgumentException if a size is out of range
   */
  public static CustomEncryptionType of(int ivLengthBytes, int tagLengthBytes, AeadFactory factory) {
    return of(ivLengthBytes, tagLengthBytes, factory, 16, 32);
  }

  /**
   * A custom type from a factory, accepting the given key lengths.
   *
   * @throws IllegalArgumentException if a size is out of range or no key length is given
   */
  public static CustomEncryptionType of(int ivLengthBytes, int tagLengthBytes, AeadFactory factory,
      int... keyLengthsBytes) {
    Objects.requireNonNull(factory, "factory is null");
    return new FromFactory(ivLengthBytes, tagLengthBytes, keyLengthsBytes, factory);
  }

  /** Always {@value #ID}. */
  @Override
  public final String id() {
    return ID;
  }

  @Override
  public final int ivLengthBytes() {
    return ivLength;
  }

  @Override
  public final int tagLengthBytes() {
    return tagLength;
  }

  @Override
  public final boolean supportsKeyLength(int keyLengthBytes) {
    return Arrays.binarySearch(keyLengths, keyLengthBytes) >= 0;
  }

  /**
   * The application's cipher, checked against the SPI contract (see the class comment).
   *
   * @throws InvalidKeyException if the key length is not one the type accepts
   * @throws GeneralSecurityException if {@link #createAead} fails or returns null
   */
  @Override
  public final Aead newAead(byte[] key) throws GeneralSecurityException {
    if (key == null || !supportsKeyLength(key.length)) {
      throw new InvalidKeyException("custom cipher accepts keys of " + Arrays.toString(keyLengths) + " bytes, was "
          + (key == null ? "null" : key.length + " bytes"));
    }
    Aead aead;
    try {
      aead = createAead(key.clone());
    } catch (RuntimeException e) {
      throw new GeneralSecurityException("custom cipher " + implementationName() + " failed to take a key: "
          + e.getClass().getName(), e);
    }
    if (aead == null) {
      throw new GeneralSecurityException("custom cipher " + implementationName() + " returned no Aead");
    }
    return new CheckedAead(aead, ivLength, tagLength);
  }

  /**
   * The application's cipher bound to {@code key}: thread-safe, sealing with the type's IV and tag
   * lengths.
   *
   * @param key a fresh copy of the key, of a length the type accepts; the cipher may keep it
   * @throws GeneralSecurityException if the key cannot be used (never put key bytes in the message)
   */
  protected abstract Aead createAead(byte[] key) throws GeneralSecurityException;

  /** The class that implements the cipher, for messages. */
  String implementationName() {
    return getClass().getName();
  }

  /** "custom (" + the implementing class + ")"; override to say more (never anything secret). */
  @Override
  public String description() {
    return ID + " (" + implementationName() + ")";
  }

  @Override
  public String toString() {
    return "CustomEncryptionType[" + implementationName() + ", iv=" + ivLength + ", tag=" + tagLength + ", keys="
        + Arrays.toString(keyLengths) + "]";
  }

  private static final class FromFactory extends CustomEncryptionType {
    private final AeadFactory factory;

    FromFactory(int ivLength, int tagLength, int[] keyLengths, AeadFactory factory) {
      super(ivLength, tagLength, keyLengths);
      this.factory = factory;
    }

    @Override
    protected Aead createAead(byte[] key) throws GeneralSecurityException {
      return factory.newAead(key);
    }

    @Override
    String implementationName() {
      return factory.getClass().getName();
    }
  }
}
