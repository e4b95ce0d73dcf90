package io.e2ee4j.cipher.gcm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.e2ee4j.api.spi.Aead;
import io.e2ee4j.cipher.gcm.internal.GcmProviders;
import io.e2ee4j.cipher.gcm.internal.JcaAesGcm;
import io.e2ee4j.testing.Hex;
import io.e2ee4j.testing.Vectors;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.Provider;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every Wycheproof AES-GCM vector with a 96-bit IV and a 128-bit tag, valid and invalid, through the
 * "gcm" type on each JCA provider present (the JDK's; Conscrypt when it loads here).
 */
class AesGcmWycheproofTest {

  static Stream<Provider> providers() {
    Provider conscrypt = GcmProviders.conscryptOrNull();
    return conscrypt == null ? Stream.of(GcmProviders.jdk()) : Stream.of(GcmProviders.jdk(), conscrypt);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("providers")
  void wycheproofVectors_allPass(Provider provider) throws Exception {
    JsonObject root = Vectors.json("wycheproof/aes_gcm_test.json");
    AesGcmEncryptionType type = AesGcmEncryptionType.withProvider(provider);
    List<String> errors = new ArrayList<>();
    int checked = 0;
    int refusedKeySizes = 0;
    for (JsonElement g : root.getAsJsonArray("testGroups")) {
      JsonObject group = g.getAsJsonObject();
      if (group.get("ivSize").getAsInt() != 96 || group.get("tagSize").getAsInt() != 128) {
        continue;
      }
      for (JsonElement t : group.getAsJsonArray("tests")) {
        JsonObject test = t.getAsJsonObject();
        String id = "tcId " + test.get("tcId").getAsInt() + " (" + test.get("comment").getAsString() + ")";
        byte[] key = Hex.decode(test.get("key").getAsString());
        byte[] iv = Hex.decode(test.get("iv").getAsString());
        byte[] aad = Hex.decode(test.get("aad").getAsString());
        byte[] msg = Hex.decode(test.get("msg").getAsString());
        byte[] ct = Hex.decode(test.get("ct").getAsString());
        byte[] tag = Hex.decode(test.get("tag").getAsString());
        boolean valid = !test.get("result").getAsString().equals("invalid");
        byte[] sealed = concat(ct, tag);
        checked++;
        Aead aead;
        if (type.supportsKeyLength(key.length)) {
          aead = type.newAead(key);
        } else {
          // LiveKit keys are 16 or 32 bytes: the type must refuse others; the cipher underneath is
          // still checked against the vector.
          try {
            type.newAead(key);
            errors.add(id + ": accepted a " + key.length + "-byte key");
          } catch (InvalidKeyException expected) {
            refusedKeySizes++;
          }
          if (key.length == 24 && provider.getName().equals("Conscrypt")) {
            continue; // BoringSSL has no AES-192 at all; the type refused it above, which is what matters.
          }
          aead = new JcaAesGcm(key, provider);
        }
        try {
          byte[] opened = open(aead, iv, aad, sealed);
          if (!valid) {
            errors.add(id + ": invalid vector opened");
          } else if (!Arrays.equals(opened, msg)) {
            errors.add(id + ": wrong plaintext");
          }
        } catch (GeneralSecurityException e) {
          if (valid) {
            errors.add(id + ": valid vector failed to open: " + e);
          }
        }
        if (valid) {
          byte[] resealed = seal(aead, iv, aad, msg);
          if (!Arrays.equals(resealed, sealed)) {
            errors.add(id + ": seal gave other bytes");
          }
        }
      }
    }
    Vectors.report("Wycheproof AES-GCM (96-bit IV, 128-bit tag) on " + provider.getName()
        + ", of which " + refusedKeySizes + " with key sizes the type refuses", checked);
    assertTrue(checked > 0, "no vectors found");
    assertEquals(List.of(), errors);
  }

  static byte[] seal(Aead aead, byte[] iv, byte[] aad, byte[] msg) throws GeneralSecurityException {
    ByteBuffer out = ByteBuffer.allocate(msg.length + 16);
    int n = aead.seal(ByteBuffer.wrap(iv), ByteBuffer.wrap(aad), ByteBuffer.wrap(msg), out);
    assertEquals(msg.length + 16, n);
    return out.array();
  }

  static byte[] open(Aead aead, byte[] iv, byte[] aad, byte[] sealed) throws GeneralSecurityException {
    ByteBuffer out = ByteBuffer.allocate(Math.max(0, sealed.length - 16));
    int n = aead.open(ByteBuffer.wrap(iv), ByteBuffer.wrap(aad), ByteBuffer.wrap(sealed), out);
    return Arrays.copyOf(out.array(), n);
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
