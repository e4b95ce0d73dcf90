package io.e2ee4j.cli;

import java.util.Arrays;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code key derive} and {@code key ratchet}: the only commands whose job is to print secrets. */
final class KeyCommands {

  private KeyCommands() {}

  @Command(name = "key", description = "Derive and ratchet LiveKit keys (prints secrets: mind your terminal).")
  static final class Group {
    @Mixin
    HelpOption help;
  }

  @Command(name = "derive", sortOptions = false,
      description = {
        "Prints the AES key (hex) of the material after N ratchets, as LiveKit derives it:",
        "KDF(material, salt, 16 or 32 bytes)."
      })
  static final class Derive implements CliAction {
    @Mixin
    MaterialOptions material = new MaterialOptions();

    @Option(names = "--key-size", paramLabel = "128|256", defaultValue = "128",
        description = "AES key size in bits. Default: ${DEFAULT-VALUE}.")
    int keySize;

    @Option(names = "--ratchet", paramLabel = "N", defaultValue = "0",
        description = "Ratchets of the material before deriving (0.." + Checks.MAX_RATCHETS
            + "). Default: ${DEFAULT-VALUE}.")
    int ratchet;

    @Mixin
    HelpOption help;

    @Override
    public Outcome run() {
      MaterialOptions.Material m = material.resolve();
      int bytes = Checks.keySizeBits("--key-size", keySize) / 8;
      int steps = Checks.range("--ratchet", ratchet, 0, Checks.MAX_RATCHETS);
      byte[] current = DerivationCache.PROCESS.ratcheted(m.bytes(), m.kdf(), m.salt(), steps);
      byte[] key = DerivationCache.PROCESS.aesKey(current, m.kdf(), m.salt(), bytes);
      String hex = HexBytes.format(key);
      Arrays.fill(current, (byte) 0);
      Arrays.fill(key, (byte) 0);
      return Outcome.ok(hex);
    }
  }

  @Command(name = "ratchet", sortOptions = false,
      description = {
        "Prints the key material (hex, 32 bytes) after N ratchets, as LiveKit ratchets it:",
        "next material = KDF(material, salt, 32 bytes)."
      })
  static final class Ratchet implements CliAction {
    @Mixin
    MaterialOptions material = new MaterialOptions();

    @Option(names = "--steps", paramLabel = "N", defaultValue = "1",
        description = "Ratchets to apply (0.." + Checks.MAX_RATCHETS + "). Default: ${DEFAULT-VALUE}.")
    int steps;

    @Mixin
    HelpOption help;

    @Override
    public Outcome run() {
      MaterialOptions.Material m = material.resolve();
      int n = Checks.range("--steps", steps, 0, Checks.MAX_RATCHETS);
      byte[] result = DerivationCache.PROCESS.ratcheted(m.bytes(), m.kdf(), m.salt(), n);
      String hex = HexBytes.format(result);
      Arrays.fill(result, (byte) 0);
      return Outcome.ok(hex);
    }
  }
}
