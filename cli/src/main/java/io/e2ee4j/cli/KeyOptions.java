package io.e2ee4j.cli;

import io.e2ee4j.api.KeyMaterial;
import io.e2ee4j.api.KeyProviderOptions;
import io.e2ee4j.core.DefaultKeyProvider;
import java.util.Arrays;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * KEYOPTS of the frame and data commands: {@code (--passphrase TEXT | --material-hex HEX) [--kdf
 * pbkdf2|hkdf] [--salt TEXT | --salt-hex HEX] [--key-size 128|256] [--key-index N] [--key-ring-size
 * N] [--ratchet N]}. They become a shared-key {@link DefaultKeyProvider} holding one key: the
 * material after N ratchets, set at the key index (slot {@code index mod ring size}, which becomes
 * the current one). Without key options the provider holds no key, so frames and packets that need
 * one are dropped as MISSING_KEY, as a LiveKit receiver without a key would.
 */
final class KeyOptions {

  @Mixin
  MaterialOptions material = new MaterialOptions();

  @Option(names = "--key-size", paramLabel = "128|256", description = "AES key size in bits. Default: 128.")
  Integer keySize;

  @Option(names = "--key-index", paramLabel = "N",
      description = "Key index 0..255 to set the key at; it lands in slot N mod the ring size, the index a"
          + " sender writes into the trailer. Default: 0.")
  Integer keyIndex;

  @Option(names = "--key-ring-size", paramLabel = "N", description = "Key-ring slots, 1..256. Default: 16.")
  Integer keyRingSize;

  @Option(names = "--ratchet", paramLabel = "N",
      description = "Ratchet the material N times before setting the key (0.." + Checks.MAX_RATCHETS
          + "). Default: 0.")
  Integer ratchet;

  /**
   * The provider with its one key, and the slot that key sits in.
   *
   * @param slot the slot holding the key, or -1 if no key options were given (an empty provider)
   */
  record Keys(DefaultKeyProvider provider, KeyProviderOptions options, int slot) {

    /** Words for a missing-key drop: which slot the options filled. */
    String missingKeyDetail() {
      return slot < 0 ? "; no key given (--passphrase or --material-hex)"
          : "; the key options set a key in slot " + slot + " only";
    }
  }

  /** Whether any key option was given. */
  boolean anyGiven() {
    return material.anyGiven() || keySize != null || keyIndex != null || keyRingSize != null || ratchet != null;
  }

  /**
   * A shared-key provider holding the key these options describe.
   *
   * @param base options the command sets (ratchet window, SIF trailer); the key options override
   *     the salt, key size, ring size and KDF, and failure tolerance is -1 (a one-shot tool never
   *     marks a key invalid)
   * @throws UsageException for bad values or mixes
   */
  Keys keys(KeyProviderOptions.Builder base) {
    if (!material.materialGiven()) {
      if (anyGiven()) {
        throw new UsageException("key options need key material: give --passphrase TEXT or --material-hex HEX");
      }
      // No key at all: the library decides (a missing key, or a frame that needs none, such as SIF).
      KeyProviderOptions options = base.sharedKey(true).failureTolerance(-1).build();
      return new Keys(newProvider(options), options, -1);
    }
    MaterialOptions.Material m = material.resolve();
    int bits = Checks.keySizeBits("--key-size", keySize != null ? keySize : 128);
    int index = Checks.range("--key-index", keyIndex != null ? keyIndex : 0, 0, 255);
    int ring = Checks.range("--key-ring-size", keyRingSize != null ? keyRingSize : 16, 1,
        KeyProviderOptions.MAX_KEY_RING_SIZE);
    int steps = Checks.range("--ratchet", ratchet != null ? ratchet : 0, 0, Checks.MAX_RATCHETS);
    KeyProviderOptions options = base
        .sharedKey(true)
        .ratchetSalt(m.salt())
        .keySizeBits(bits)
        .keyRingSize(ring)
        .keyDerivation(m.kdf())
        .failureTolerance(-1)
        .build();
    byte[] bytes = DerivationCache.PROCESS.ratcheted(m.bytes(), m.kdf(), m.salt(), steps);
    DefaultKeyProvider provider = newProvider(options);
    KeyMaterial keyMaterial = KeyMaterial.fromBytes(bytes);
    try {
      provider.setSharedKey(index, keyMaterial);
    } finally {
      keyMaterial.destroy();
      Arrays.fill(bytes, (byte) 0);
      Arrays.fill(m.bytes(), (byte) 0);
    }
    return new Keys(provider, options, index % ring);
  }

  /**
   * A provider that derives auto-ratchet steps on the calling thread: the CLI answers one frame at
   * a time, so a step still pending on a background thread would make {@code --ratchet-window}
   * find nothing. The per-second derivation budget still applies.
   */
  static DefaultKeyProvider newProvider(KeyProviderOptions options) {
    return new DefaultKeyProvider(options, System::nanoTime, Runnable::run);
  }
}
