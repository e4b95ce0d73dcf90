package io.e2ee4j.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * A passphrase becomes key material as LiveKit JS's {@code createKeyMaterialFromString} makes it:
 * {@code TextEncoder}'s UTF-8 (spec section 3.1), which writes U+FFFD (ef bf bd) for a lone
 * surrogate. Java's {@code String.getBytes(UTF_8)} writes '?' (3f) instead, a different key.
 */
class KeyMaterialUtf8Test {

  static byte[] hex(String s) {
    return HexFormat.of().parseHex(s);
  }

  @Test
  void passphrase_isTextEncoderUtf8_wellFormed() {
    assertArrayEquals(hex("6c6976656b6974"), KeyMaterial.fromPassphrase("livekit").copyBytes());
    assertArrayEquals(hex("c3a9e282acf09f9491"), KeyMaterial.fromPassphrase("é€\uD83D\uDD11").copyBytes());
  }

  @Test
  void passphrase_loneSurrogates_becomeUfffd_asTextEncoderWrites() {
    assertArrayEquals(hex("61efbfbd62"), KeyMaterial.fromPassphrase("a\uD800b").copyBytes());
    assertArrayEquals(hex("61efbfbd"), KeyMaterial.fromPassphrase("a\uDC00").copyBytes());
    assertArrayEquals(hex("efbfbdefbfbd"), KeyMaterial.fromPassphrase("\uDC00\uD800").copyBytes());
    assertArrayEquals(hex("efbfbdf09f9491"), KeyMaterial.fromPassphrase("\uD800\uD83D\uDD11").copyBytes());
  }

  @Test
  void ratchetSaltString_isTextEncoderUtf8_too() {
    assertArrayEquals(hex("4c4b46726172efbfbd"),
        KeyProviderOptions.builder().ratchetSalt("LKFrar\uD800").build().ratchetSalt());
    assertArrayEquals(hex("4c4b4672616d65456e6372797074696f6e4b6579"), KeyProviderOptions.defaults().ratchetSalt());
  }
}
