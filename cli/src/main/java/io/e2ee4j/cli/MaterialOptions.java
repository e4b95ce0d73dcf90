package io.e2ee4j.cli;

import io.e2ee4j.api.KeyDerivation;
import io.e2ee4j.api.KeyProviderOptions;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * Key material and how it derives: {@code (--passphrase TEXT | --material-hex HEX) [--kdf
 * pbkdf2|hkdf] [--salt TEXT | --salt-hex HEX]}. The KDF defaults as in LiveKit JS: PBKDF2 for a
 * passphrase, HKDF for raw bytes.
 */
final class MaterialOptions {

  /** The longest passphrase taken, in characters. */
  static final int MAX_PASSPHRASE_CHARS = 1 << 16;

  // Both are secret (Secrets.OPTIONS): their converters' errors never repeat the value.
  @Option(names = "--passphrase", paramLabel = "TEXT", converter = PassphraseConverter.class,
      description = "Key material: a passphrase (its UTF-8 bytes). Default KDF: pbkdf2.")
  String passphrase;

  @Option(names = "--material-hex", paramLabel = "HEX", converter = HexBytes.SecretConverter.class,
      description = "Key material: raw bytes in hex. Default KDF: hkdf.")
  HexBytes materialHex;

  @Option(names = "--kdf", paramLabel = "pbkdf2|hkdf",
      description = "Key derivation: pbkdf2 (PBKDF2-HMAC-SHA256, 100,000 iterations) or hkdf (HKDF-SHA256,"
          + " info = 128 zero bytes).")
  KeyDerivation kdf;

  @Option(names = "--salt", paramLabel = "TEXT",
      description = "Ratchet salt as text (UTF-8). Default: " + KeyProviderOptions.DEFAULT_RATCHET_SALT + ".")
  String salt;

  @Option(names = "--salt-hex", paramLabel = "HEX", description = "Ratchet salt in hex.")
  HexBytes saltHex;

  /** Takes a passphrase of at most {@link #MAX_PASSPHRASE_CHARS} characters; never echoes it. */
  static final class PassphraseConverter implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      if (value.length() > MAX_PASSPHRASE_CHARS) {
        throw new TypeConversionException("too long: " + value.length() + " characters, the most is "
            + MAX_PASSPHRASE_CHARS);
      }
      return value;
    }
  }

  /** Material resolved from the options. */
  record Material(byte[] bytes, KeyDerivation kdf, byte[] salt) {}

  /** Whether any of these options was given. */
  boolean anyGiven() {
    return passphrase != null || materialHex != null || kdf != null || salt != null || saltHex != null;
  }

  /** Whether key material was given. */
  boolean materialGiven() {
    return passphrase != null || materialHex != null;
  }

  /**
   * The material, its KDF and the salt.
   *
   * @throws UsageException if no material or both kinds are given, the material is empty, or both
   *     salts are given
   */
  Material resolve() {
    if (passphrase != null && materialHex != null) {
      throw new UsageException("--passphrase and --material-hex are mutually exclusive: give one");
    }
    if (passphrase == null && materialHex == null) {
      throw new UsageException("key material missing: give --passphrase TEXT or --material-hex HEX");
    }
    if (salt != null && saltHex != null) {
      throw new UsageException("--salt and --salt-hex are mutually exclusive: give one");
    }
    byte[] bytes = passphrase != null ? passphrase.getBytes(StandardCharsets.UTF_8) : materialHex.bytes().clone();
    if (bytes.length == 0) {
      throw new UsageException((passphrase != null ? "--passphrase" : "--material-hex") + " is empty");
    }
    KeyDerivation derivation = kdf != null ? kdf : passphrase != null ? KeyDerivation.PBKDF2 : KeyDerivation.HKDF;
    byte[] saltBytes = saltHex != null ? saltHex.bytes().clone()
        : (salt != null ? salt : KeyProviderOptions.DEFAULT_RATCHET_SALT).getBytes(StandardCharsets.UTF_8);
    return new Material(bytes, derivation, saltBytes);
  }
}
