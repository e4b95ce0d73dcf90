package io.e2ee4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.e2ee4j.api.KeyDerivation;
import io.e2ee4j.api.KeyMaterial;
import io.e2ee4j.api.KeyProviderOptions;
import io.e2ee4j.api.ParticipantId;
import io.e2ee4j.api.spi.Aead;
import io.e2ee4j.api.spi.EncryptionType;
import io.e2ee4j.testing.Hex;
import io.e2ee4j.testing.Vectors;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * LiveKit's key derivation and ratchet cases: ../shared/vectors/livekit-js/public.json (run by
 * LiveKit's own JS) and ../shared/vectors/livekit/ (LiveKit's unit-test values and one native KDF
 * value), through {@link KeyDerivations} and through {@link DefaultKeyProvider}.
 */
class KeyDerivationsLiveKitVectorsTest {

  private static final ParticipantId ALICE = ParticipantId.of("alice");

  @Test
  void livekitJsKeyDerivations_match() {
    JsonObject root = Vectors.json("livekit-js/public.json");
    List<String> errors = new ArrayList<>();
    int checked = 0;
    for (JsonElement e : root.getAsJsonArray("keyDerivations")) {
      JsonObject v = e.getAsJsonObject();
      byte[] material = Hex.decode(v.getAsJsonObject("material").get("hex").getAsString());
      boolean passphrase = v.getAsJsonObject("material").get("type").getAsString().equals("passphrase");
      KeyDerivation kdf = passphrase ? KeyDerivation.PBKDF2 : KeyDerivation.HKDF;
      byte[] salt = Hex.decode(v.get("ratchetSaltHex").getAsString());
      int keyBytes = v.get("keySizeBits").getAsInt() / 8;
      String expected = v.get("aesKeyHex").getAsString();
      checked++;
      String actual = Hex.encode(KeyDerivations.deriveKey(material, kdf, salt, keyBytes));
      if (!actual.equals(expected)) {
        errors.add(v.get("id").getAsString() + ": derived key differs");
      }
      // The same through the provider: the key it holds seals what the derived key opens.
      KeyProviderOptions options = KeyProviderOptions.builder().ratchetSalt(salt).keySizeBits(keyBytes * 8).build();
      try (DefaultKeyProvider provider = new DefaultKeyProvider(options)) {
        provider.setKey(ALICE, 0, passphrase ? KeyMaterial.fromPassphrase(new String(material, StandardCharsets.UTF_8))
            : KeyMaterial.fromBytes(material));
        if (!sameKey(provider, 0, Hex.decode(expected))) {
          errors.add(v.get("id").getAsString() + ": provider holds another key");
        }
      }
    }
    Vectors.report("LiveKit JS key derivations", checked);
    assertTrue(checked > 0);
    assertEquals(List.of(), errors);
  }

  @Test
  void livekitJsRatchets_match() {
    JsonObject root = Vectors.json("livekit-js/public.json");
    List<String> errors = new ArrayList<>();
    int checked = 0;
    for (JsonElement e : root.getAsJsonArray("ratchets")) {
      JsonObject v = e.getAsJsonObject();
      String id = v.get("id").getAsString();
      byte[] material = Hex.decode(v.getAsJsonObject("initialMaterial").get("hex").getAsString());
      KeyDerivation kdf = KeyDerivation.valueOf(v.get("materialAlgorithm").getAsString());
      byte[] salt = v.get("ratchetSalt").getAsString().getBytes(StandardCharsets.UTF_8);
      int count = v.get("ratchetCount").getAsInt();
      String expected = v.get("chainKeyHex").getAsString();
      checked++;
      byte[] m = material;
      for (int i = 0; i < count; i++) {
        m = KeyDerivations.ratchet(m, kdf, salt);
      }
      if (!Hex.encode(m).equals(expected)) {
        errors.add(id + ": ratchet function differs");
      }
      String previous = v.get("previousMaterialHex").getAsString();
      if (!Hex.encode(KeyDerivations.ratchet(Hex.decode(previous), kdf, salt)).equals(expected)) {
        errors.add(id + ": one step from previousMaterialHex differs");
      }
      // Through the provider: ratchetKey returns the new material, exportKey agrees.
      KeyProviderOptions options = KeyProviderOptions.builder().ratchetSalt(salt).keyDerivation(kdf).build();
      try (DefaultKeyProvider provider = new DefaultKeyProvider(options)) {
        ParticipantId who = ParticipantId.of(v.get("participantIdentity").isJsonNull() ? "alice"
            : v.get("participantIdentity").getAsString());
        int keyIndex = v.get("keyIndex").getAsInt();
        provider.setKey(who, keyIndex, KeyMaterial.fromBytes(material));
        byte[] last = null;
        for (int i = 0; i < count; i++) {
          last = provider.ratchetKey(who, keyIndex);
        }
        if (last == null || !Hex.encode(last).equals(expected)) {
          errors.add(id + ": provider's ratchetKey differs");
        }
        if (!Hex.encode(provider.exportKey(who, keyIndex)).equals(expected)) {
          errors.add(id + ": exportKey after ratchet differs");
        }
      }
    }
    Vectors.report("LiveKit JS ratchets", checked);
    assertTrue(checked > 0);
    assertEquals(List.of(), errors);
  }

  @Test
  void livekitUnitTestRatchetSteps_match() throws Exception {
    JsonObject root = Vectors.json("livekit/livekit-e2ee-vectors.json");
    JsonObject ratchets = root.getAsJsonObject("ratchetVectors");
    byte[] salt = KeyProviderOptions.DEFAULT_RATCHET_SALT.getBytes(StandardCharsets.UTF_8);
    byte[] plaintext = Hex.decode(ratchets.get("plaintext").getAsString());
    byte[] iv = Hex.decode(ratchets.get("iv").getAsString());
    byte[] material = ratchets.get("keyMaterialUtf8").getAsString().getBytes(StandardCharsets.UTF_8);
    List<String> errors = new ArrayList<>();
    int checked = 0;
    for (JsonElement e : ratchets.getAsJsonArray("steps")) {
      JsonObject step = e.getAsJsonObject();
      int n = step.get("step").getAsInt();
      checked++;
      if (!Hex.encode(material).equals(step.getAsJsonObject("derived").get("material").getAsString())) {
        errors.add("step " + n + ": material differs");
      }
      byte[] key = KeyDerivations.deriveKey(material, KeyDerivation.PBKDF2, salt, 16);
      Aead aead = gcm().newAead(key);
      ByteBuffer out = ByteBuffer.allocate(plaintext.length + 16);
      aead.seal(ByteBuffer.wrap(iv), ByteBuffer.allocate(0), ByteBuffer.wrap(plaintext), out);
      if (!Hex.encode(out.array()).equals(step.get("ciphertext").getAsString())) {
        errors.add("step " + n + ": ciphertext differs");
      }
      material = KeyDerivations.ratchet(material, KeyDerivation.PBKDF2, salt);
    }
    for (JsonElement e : root.getAsJsonArray("kdfVectors")) {
      JsonObject v = e.getAsJsonObject();
      checked++;
      String key = Hex.encode(KeyDerivations.deriveKey(Hex.decode(v.get("material").getAsString()), KeyDerivation.PBKDF2,
          Hex.decode(v.get("ratchetSalt").getAsString()), 16));
      if (!key.equals(v.get("encryptionKey").getAsString())) {
        errors.add("native KDF vector differs");
      }
    }
    for (JsonElement e : root.getAsJsonArray("frameVectors")) {
      JsonObject v = e.getAsJsonObject();
      checked++;
      String key = Hex.encode(KeyDerivations.deriveKey(v.get("keyMaterialUtf8").getAsString().getBytes(StandardCharsets.UTF_8),
          KeyDerivation.PBKDF2, salt, 16));
      if (!key.equals(v.getAsJsonObject("derived").get("aesKey").getAsString())) {
        errors.add(v.get("testName").getAsString() + ": frame key differs");
      }
    }
    Vectors.report("LiveKit unit-test ratchet steps, native KDF and frame keys", checked);
    assertEquals(List.of(), errors);
  }

  @Test
  void aesKey_isThePrefixOfTheNextMaterial() {
    // Spec section 4.5's invariant, which the provider relies on to halve its KDF work.
    byte[] salt = "salt".getBytes(StandardCharsets.UTF_8);
    byte[] material = "some material".getBytes(StandardCharsets.UTF_8);
    for (KeyDerivation kdf : new KeyDerivation[] {KeyDerivation.HKDF}) {
      byte[] next = KeyDerivations.ratchet(material, kdf, salt);
      assertEquals(Hex.encode(java.util.Arrays.copyOf(next, 16)), Hex.encode(KeyDerivations.deriveKey(material, kdf, salt, 16)));
      assertEquals(Hex.encode(next), Hex.encode(KeyDerivations.deriveKey(material, kdf, salt, 32)));
    }
  }

  /** The installed "gcm" type, found as users find it (core names no plugin class). */
  static EncryptionType gcm() {
    return EncryptionTypeCatalog.loadInstalled().get("gcm");
  }

  /** True if the provider's key for alice at the slot opens what {@code expectedKey} sealed. */
  static boolean sameKey(DefaultKeyProvider provider, int slot, byte[] expectedKey) {
    try {
      EncryptionType gcm = gcm();
      byte[] iv = new byte[12];
      ByteBuffer sealed = ByteBuffer.allocate(20);
      gcm.newAead(expectedKey).seal(ByteBuffer.wrap(iv), ByteBuffer.allocate(0), ByteBuffer.wrap(new byte[] {1, 2, 3, 4}), sealed);
      sealed.flip();
      ByteBuffer out = ByteBuffer.allocate(4);
      provider.keyHandler(ALICE).keyOrNull(slot).aead(gcm).open(ByteBuffer.wrap(iv), ByteBuffer.allocate(0), sealed, out);
      return true;
    } catch (Exception e) {
      return false;
    }
  }
}
