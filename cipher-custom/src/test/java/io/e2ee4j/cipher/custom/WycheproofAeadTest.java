package io.e2ee4j.cipher.custom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.e2ee4j.api.spi.Aead;
import io.e2ee4j.api.spi.EncryptionType;
import io.e2ee4j.testing.Hex;
import io.e2ee4j.testing.Vectors;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every Wycheproof ChaCha20-Poly1305 and AES-GCM-SIV vector, valid and invalid, through the
 * encryption types (ChaCha20-Poly1305 on both backends). A vector whose IV length the type does
 * not take must be refused with {@link InvalidAlgorithmParameterException} on seal and open, never
 * processed.
 */
class WycheproofAeadTest {

  static Stream<Arguments> types() {
    return Stream.of(
        Arguments.of("wycheproof/chacha20_poly1305_test.json",
            ChaCha20Poly1305EncryptionType.withBackend(ChaCha20Poly1305EncryptionType.Backend.JDK)),
        Arguments.of("wycheproof/chacha20_poly1305_test.json",
            ChaCha20Poly1305EncryptionType.withBackend(ChaCha20Poly1305EncryptionType.Backend.BOUNCY_CASTLE)),
        Arguments.of("wycheproof/aes_gcm_siv_test.json", new AesGcmSivEncryptionType()));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("types")
  void everyVector_isOpenedOrRefusedAsWycheproofSays(String file, EncryptionType type) throws Exception {
    JsonObject root = Vectors.json(file);
    List<String> errors = new ArrayList<>();
    int checked = 0;
    int valid = 0;
    int invalid = 0;
    int ivRefused = 0;
    for (JsonElement g : root.getAsJsonArray("testGroups")) {
      JsonObject group = g.getAsJsonObject();
      assertEquals(128, group.get("tagSize").getAsInt(), "these files only have 128-bit tags");
      for (JsonElement t : group.getAsJsonArray("tests")) {
        JsonObject test = t.getAsJsonObject();
        String id = "tcId " + test.get("tcId").getAsInt() + " (" + test.get("comment").getAsString() + ")";
        byte[] key = Hex.decode(test.get("key").getAsString());
        byte[] iv = Hex.decode(test.get("iv").getAsString());
        byte[] aad = Hex.decode(test.get("aad").getAsString());
        byte[] msg = Hex.decode(test.get("msg").getAsString());
        byte[] sealed = concat(Hex.decode(test.get("ct").getAsString()), Hex.decode(test.get("tag").getAsString()));
        boolean expectValid = test.get("result").getAsString().equals("valid");
        checked++;
        if (expectValid) {
          valid++;
        } else {
          invalid++;
        }
        if (!type.supportsKeyLength(key.length)) {
          errors.add(id + ": type refuses a " + key.length + "-byte key the file uses");
          continue;
        }
        if (iv.length != type.ivLengthBytes()) {
          if (expectValid) {
            errors.add(id + ": valid vector with a " + iv.length + "-byte IV the type cannot take");
          }
          boolean sealRefused = refusesIv(() -> seal(type.newAead(key), iv, aad, msg));
          boolean openRefused = refusesIv(() -> open(type.newAead(key), iv, aad, sealed));
          if (sealRefused && openRefused) {
            ivRefused++;
          } else {
            errors.add(id + ": a " + iv.length + "-byte IV was not refused (seal " + sealRefused + ", open "
                + openRefused + ")");
          }
          continue;
        }
        try {
          byte[] opened = open(type.newAead(key), iv, aad, sealed);
          if (!expectValid) {
            errors.add(id + ": invalid vector opened");
          } else if (!Arrays.equals(opened, msg)) {
            errors.add(id + ": wrong plaintext");
          }
        } catch (GeneralSecurityException e) {
          if (expectValid) {
            errors.add(id + ": valid vector failed to open: " + e);
          }
        }
        if (expectValid) {
          // A fresh cipher: JCA and BC both refuse to encrypt under a key and nonce they just used.
          byte[] resealed = seal(type.newAead(key), iv, aad, msg);
          if (!Arrays.equals(resealed, sealed)) {
            errors.add(id + ": seal gave other bytes");
          }
        }
      }
    }
    Vectors.report("Wycheproof " + file + " through " + type.description() + " (" + valid + " valid, " + invalid
        + " invalid, of which " + ivRefused + " with IV sizes refused)", checked);
    assertTrue(checked > 0, "no vectors found");
    assertEquals(List.of(), errors);
  }

  private interface Call {
    void run() throws GeneralSecurityException;
  }

  private static boolean refusesIv(Call call) {
    try {
      call.run();
      return false;
    } catch (InvalidAlgorithmParameterException expected) {
      return true;
    } catch (GeneralSecurityException | RuntimeException other) {
      return false;
    }
  }

  static byte[] seal(Aead aead, byte[] iv, byte[] aad, byte[] msg) throws GeneralSecurityException {
    ByteBuffer out = ByteBuffer.allocate(msg.length + 16);
    int n = aead.seal(ByteBuffer.wrap(iv), ByteBuffer.wrap(aad), ByteBuffer.wrap(msg), out);
    assertEquals(msg.length + 16, n);
    assertEquals(n, out.position());
    return out.array();
  }

  static byte[] open(Aead aead, byte[] iv, byte[] aad, byte[] sealed) throws GeneralSecurityException {
    ByteBuffer out = ByteBuffer.allocate(Math.max(0, sealed.length - 16));
    int n = aead.open(ByteBuffer.wrap(iv), ByteBuffer.wrap(aad), ByteBuffer.wrap(sealed), out);
    assertEquals(n, out.position());
    return Arrays.copyOf(out.array(), n);
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
