package io.e2ee4j.interop;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.e2ee4j.api.KeyMaterial;
import io.e2ee4j.api.KeyProviderOptions;
import io.e2ee4j.api.ParticipantId;
import io.e2ee4j.core.DefaultKeyProvider;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

/**
 * A key mode (spec sections 3-4): shared or per-participant keys, PBKDF2 (passphrase) or HKDF (raw
 * bytes) material, a key index (possibly past the ring, so it wraps), AES-128 or AES-256, and a
 * number of manual ratchets applied on both sides before any frame is sent. Each sender has its
 * own material in per-participant mode; in shared mode everybody uses the first one.
 *
 * <p>Receivers run with ratchet window 0 and failure tolerance -1, as LiveKit JS's
 * {@code ExternalE2EEKeyProvider}: every frame must decrypt with exactly the key set.
 */
record Scenario(String id, boolean sharedKey, int keySizeBits, int keyIndex, int ratchets, List<Key> keys) {

  private static final HexFormat HEX = HexFormat.of();
  static final int RING = 16;

  /** One participant's material: a passphrase (PBKDF2) or raw bytes (HKDF). */
  record Key(String participant, String passphraseOrNull, byte[] rawOrNull) {

    KeyMaterial material() {
      return passphraseOrNull != null ? KeyMaterial.fromPassphrase(passphraseOrNull) : KeyMaterial.fromBytes(rawOrNull);
    }

    JsonObject json() {
      JsonObject m = new JsonObject();
      if (passphraseOrNull != null) {
        m.addProperty("type", "passphrase");
        m.addProperty("utf8", passphraseOrNull);
      } else {
        m.addProperty("type", "raw");
        m.addProperty("hex", HEX.formatHex(rawOrNull));
      }
      return m;
    }

    static Key fromJson(String participant, JsonObject m) {
      return "passphrase".equals(m.get("type").getAsString())
          ? new Key(participant, m.get("utf8").getAsString(), null)
          : new Key(participant, null, HEX.parseHex(m.get("hex").getAsString()));
    }
  }

  /** The key modes the suite covers. */
  static List<Scenario> all() {
    return List.of(
        new Scenario("shared-pbkdf2-index0", true, 128, 0, 0,
            List.of(pass("alice", "e2ee4j interop shared passphrase"))),
        new Scenario("shared-hkdf-index3-ratchet1", true, 128, 3, 1,
            List.of(raw("alice", "shared raw material, thirty-two b"))),
        new Scenario("participant-pbkdf2-index5-ratchet2", false, 128, 5, 2,
            List.of(pass("alice", "alice's own passphrase"), pass("bob", "bob's own passphrase"))),
        new Scenario("participant-hkdf-index17-wraps-ratchet3", false, 128, 17, 3,
            List.of(raw("alice", "alice raw key material"), raw("bob", "bob raw key material"))),
        new Scenario("shared-aes256-hkdf-index1", true, 256, 1, 0,
            List.of(raw("alice", "aes-256 raw material"))),
        new Scenario("participant-aes256-pbkdf2-index2-ratchet1", false, 256, 2, 1,
            List.of(pass("alice", "alice aes-256 passphrase"), pass("bob", "bob aes-256 passphrase"))));
  }

  private static Key pass(String p, String s) {
    return new Key(p, s, null);
  }

  private static Key raw(String p, String s) {
    return new Key(p, null, s.getBytes(StandardCharsets.UTF_8));
  }

  /** The ring slot the key lands in, which is also the slot ratchets apply to. */
  int slot() {
    return keyIndex % RING;
  }

  /** The participants whose frames the scenario sends. */
  List<String> senders() {
    return keys.stream().map(Key::participant).toList();
  }

  KeyProviderOptions options() {
    return KeyProviderOptions.builder().sharedKey(sharedKey).keyRingSize(RING).keySizeBits(keySizeBits)
        .ratchetWindowSize(0).failureTolerance(-1).build();
  }

  /** The worker's init options, matching {@link #options()}. */
  JsonObject jsOptions() {
    JsonObject o = new JsonObject();
    o.addProperty("sharedKey", sharedKey);
    o.addProperty("keyringSize", RING);
    o.addProperty("keySize", keySizeBits);
    o.addProperty("ratchetWindowSize", 0);
    o.addProperty("failureTolerance", -1);
    return o;
  }

  /**
   * An e2ee4j key provider holding the scenario's keys, ratcheted as the scenario says.
   *
   * @return the provider; in per-participant mode also the chain keys of the last ratchet per
   *     participant are left to the caller to compare via {@link DefaultKeyProvider#ratchetKey}
   */
  DefaultKeyProvider javaProvider(List<byte[]> chainKeysOut) {
    DefaultKeyProvider p = new DefaultKeyProvider(options());
    if (sharedKey) {
      p.setSharedKey(keyIndex, keys.get(0).material());
      for (int i = 0; i < ratchets; i++) {
        chainKeysOut.add(p.ratchetSharedKey(slot()));
      }
    } else {
      for (Key k : keys) {
        ParticipantId id = ParticipantId.of(k.participant());
        p.setKey(id, keyIndex, k.material());
        for (int i = 0; i < ratchets; i++) {
          chainKeysOut.add(p.ratchetKey(id, slot()));
        }
      }
    }
    return p;
  }

  /**
   * Sets up a LiveKit worker with the scenario's keys and ratchets.
   *
   * @return the chain keys the worker reported for its ratchets (per-participant mode only; LiveKit
   *     JS reports none for shared-key ratchets)
   */
  List<String> setUpWorker(Harness h, String worker, int seed) {
    h.newWorker(worker, seed, jsOptions());
    for (Key k : keys) {
      h.enable(worker, k.participant());
    }
    List<String> chainKeys = new java.util.ArrayList<>();
    for (Key k : sharedKey ? keys.subList(0, 1) : keys) {
      h.setKey(worker, k.participant(), k.json(), keyIndex);
      for (int i = 0; i < ratchets; i++) {
        JsonArray messages = h.ratchet(worker, k.participant(), slot());
        messages.forEach(m -> {
          JsonObject o = m.getAsJsonObject();
          if ("ratchetKey".equals(o.get("kind").getAsString())) {
            chainKeys.add(o.get("chainKeyHex").getAsString());
          }
        });
      }
    }
    return chainKeys;
  }

  JsonObject json() {
    JsonObject o = new JsonObject();
    o.addProperty("id", id);
    o.addProperty("sharedKey", sharedKey);
    o.addProperty("keySizeBits", keySizeBits);
    o.addProperty("keyIndex", keyIndex);
    o.addProperty("ratchets", ratchets);
    JsonArray ks = new JsonArray();
    for (Key k : keys) {
      JsonObject kj = new JsonObject();
      kj.addProperty("participant", k.participant());
      kj.add("material", k.json());
      ks.add(kj);
    }
    o.add("keys", ks);
    return o;
  }

  static Scenario fromJson(JsonObject o) {
    List<Key> keys = new java.util.ArrayList<>();
    o.getAsJsonArray("keys").forEach(e -> keys.add(Key.fromJson(e.getAsJsonObject().get("participant").getAsString(),
        e.getAsJsonObject().getAsJsonObject("material"))));
    return new Scenario(o.get("id").getAsString(), o.get("sharedKey").getAsBoolean(), o.get("keySizeBits").getAsInt(),
        o.get("keyIndex").getAsInt(), o.get("ratchets").getAsInt(), keys);
  }

  @Override
  public String toString() {
    return id;
  }
}
