package io.e2ee4j.cli;

import io.e2ee4j.api.KeyDerivation;
import io.e2ee4j.api.KeyProviderOptions;
import io.e2ee4j.core.KeyDerivations;
import io.e2ee4j.testing.Hex;
import java.nio.charset.StandardCharsets;

/** What the library computes, for tests to compare the command line against. */
final class Lib {

  static final byte[] DEFAULT_SALT = KeyProviderOptions.DEFAULT_RATCHET_SALT.getBytes(StandardCharsets.UTF_8);

  private Lib() {}

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] ratcheted(byte[] material, KeyDerivation kdf, byte[] salt, int steps) {
    byte[] m = material;
    for (int i = 0; i < steps; i++) {
      m = KeyDerivations.ratchet(m, kdf, salt);
    }
    return m;
  }

  static String key(byte[] material, KeyDerivation kdf, byte[] salt, int steps, int bytes) {
    return Hex.encode(KeyDerivations.deriveKey(ratcheted(material, kdf, salt, steps), kdf, salt, bytes));
  }

  static String material(byte[] material, KeyDerivation kdf, byte[] salt, int steps) {
    return Hex.encode(ratcheted(material, kdf, salt, steps));
  }
}
