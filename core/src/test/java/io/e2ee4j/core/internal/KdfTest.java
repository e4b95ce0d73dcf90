package io.e2ee4j.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.e2ee4j.testing.Hex;
import io.e2ee4j.testing.Vectors;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The project's own PBKDF2 and HKDF against every Wycheproof SHA-256 vector. */
class KdfTest {

  @Test
  void wycheproofHkdfSha256_allPass() {
    JsonObject root = Vectors.json("wycheproof/hkdf_sha256_test.json");
    List<String> errors = new ArrayList<>();
    int checked = 0;
    for (JsonElement g : root.getAsJsonArray("testGroups")) {
      for (JsonElement t : g.getAsJsonObject().getAsJsonArray("tests")) {
        JsonObject test = t.getAsJsonObject();
        String id = "tcId " + test.get("tcId").getAsInt();
        byte[] ikm = Hex.decode(test.get("ikm").getAsString());
        byte[] salt = Hex.decode(test.get("salt").getAsString());
        byte[] info = Hex.decode(test.get("info").getAsString());
        int size = test.get("size").getAsInt();
        boolean valid = test.get("result").getAsString().equals("valid");
        checked++;
        try {
          String okm = Hex.encode(Kdf.hkdfSha256(ikm, salt, info, size));
          if (!valid) {
            errors.add(id + ": invalid vector accepted");
          } else if (!okm.equals(test.get("okm").getAsString())) {
            errors.add(id + ": wrong output");
          }
        } catch (IllegalArgumentException e) {
          if (valid) {
            errors.add(id + ": valid vector refused: " + e.getMessage());
          }
        }
      }
    }
    Vectors.report("Wycheproof HKDF-SHA256", checked);
    assertTrue(checked > 0);
    assertEquals(List.of(), errors);
  }

  @Test
  void wycheproofPbkdf2HmacSha256_allPass_includingNonUtf8Passwords() {
    JsonObject root = Vectors.json("wycheproof/pbkdf2_hmacsha256_test.json");
    List<String> errors = new ArrayList<>();
    int checked = 0;
    int nonUtf8 = 0;
    for (JsonElement g : root.getAsJsonArray("testGroups")) {
      for (JsonElement t : g.getAsJsonObject().getAsJsonArray("tests")) {
        JsonObject test = t.getAsJsonObject();
        String id = "tcId " + test.get("tcId").getAsInt();
        byte[] password = Hex.decode(test.get("password").getAsString());
        if (!isUtf8(password)) {
          nonUtf8++;
        }
        byte[] salt = Hex.decode(test.get("salt").getAsString());
        int iterations = test.get("iterationCount").getAsInt();
        int dkLen = test.get("dkLen").getAsInt();
        boolean valid = test.get("result").getAsString().equals("valid");
        checked++;
        try {
          String dk = Hex.encode(Kdf.pbkdf2Sha256(password, salt, iterations, dkLen));
          if (!valid) {
            errors.add(id + ": invalid vector accepted");
          } else if (!dk.equals(test.get("dk").getAsString())) {
            errors.add(id + ": wrong output");
          }
        } catch (IllegalArgumentException e) {
          if (valid) {
            errors.add(id + ": valid vector refused: " + e.getMessage());
          }
        }
      }
    }
    Vectors.report("Wycheproof PBKDF2-HMAC-SHA256 (" + nonUtf8 + " passwords not UTF-8)", checked);
    assertTrue(nonUtf8 > 0, "expected non-UTF-8 passwords among the vectors");
    assertEquals(List.of(), errors);
  }

  @Test
  void badArguments_areRefused() {
    assertThrows(IllegalArgumentException.class, () -> Kdf.pbkdf2Sha256(new byte[1], new byte[1], 0, 16));
    assertThrows(IllegalArgumentException.class, () -> Kdf.pbkdf2Sha256(new byte[1], new byte[1], 1, 0));
    assertThrows(IllegalArgumentException.class, () -> Kdf.hkdfSha256(new byte[1], new byte[1], new byte[0], 255 * 32 + 1));
  }

  @Test
  void emptyKeys_matchAZeroBlockKey() {
    // HMAC pads keys with zeros: the empty password and salt are valid inputs.
    assertEquals(Hex.encode(Kdf.pbkdf2Sha256(new byte[0], new byte[0], 2, 32)),
        Hex.encode(Kdf.pbkdf2Sha256(new byte[64], new byte[0], 2, 32)));
    assertEquals(32, Kdf.hkdfSha256(new byte[0], new byte[0], new byte[0], 32).length);
  }

  private static boolean isUtf8(byte[] bytes) {
    try {
      StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes));
      return true;
    } catch (java.nio.charset.CharacterCodingException e) {
      return false;
    }
  }
}
