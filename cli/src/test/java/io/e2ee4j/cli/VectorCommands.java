package io.e2ee4j.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the LiveKit JS vectors ({@code livekit-js/public.json}) into e2ee4j command lines with the
 * answer LiveKit's own code gave: the same words a user would type, so tests can run them one by
 * one or as a batch.
 */
final class VectorCommands {

  /**
   * One command and what it must print.
   *
   * @param id the vector id and what is checked
   * @param words the arguments
   * @param expected the batch answer: {@code OK <hex>}, or the start of a {@code DROPPED} line
   * @param exact whether the answer must equal {@code expected} (else start with it)
   */
  record Case(String id, List<String> words, String expected, boolean exact) {

    /** The words as one batch line, each single-quoted as a POSIX shell reads it. */
    String line() {
      StringBuilder sb = new StringBuilder();
      for (String w : words) {
        if (sb.length() > 0) {
          sb.append(' ');
        }
        sb.append(w.matches("[A-Za-z0-9_./:=-]+") ? w : "'" + w.replace("'", "'\\''") + "'");
      }
      return sb.toString();
    }

    boolean matches(String answer) {
      return exact ? answer.equals(expected) : answer.startsWith(expected);
    }
  }

  private VectorCommands() {}

  /** Every vector of the file as commands: key derive/ratchet, frame encrypt/decrypt, data encrypt/decrypt. */
  static List<Case> all(JsonObject root) {
    List<Case> cases = new ArrayList<>();
    for (JsonElement e : root.getAsJsonArray("keyDerivations")) {
      JsonObject v = e.getAsJsonObject();
      List<String> words = new ArrayList<>(List.of("key", "derive"));
      words.addAll(material(v.getAsJsonObject("material")));
      words.addAll(List.of("--salt", v.get("ratchetSalt").getAsString(),
          "--key-size", v.get("keySizeBits").getAsString()));
      cases.add(new Case(id(v, "key derive"), words, "OK " + v.get("aesKeyHex").getAsString(), true));
    }
    for (JsonElement e : root.getAsJsonArray("ratchets")) {
      JsonObject v = e.getAsJsonObject();
      List<String> words = new ArrayList<>(List.of("key", "ratchet"));
      words.addAll(material(v.getAsJsonObject("initialMaterial")));
      words.addAll(List.of("--kdf", lower(v.get("materialAlgorithm")), "--salt", v.get("ratchetSalt").getAsString(),
          "--steps", v.get("ratchetCount").getAsString()));
      cases.add(new Case(id(v, "key ratchet"), words, "OK " + v.get("chainKeyHex").getAsString(), true));
    }
    for (JsonElement e : root.getAsJsonArray("frames")) {
      JsonObject v = e.getAsJsonObject();
      JsonObject frame = v.getAsJsonObject("frame");
      JsonObject expected = v.getAsJsonObject("expected");
      JsonObject observed = v.getAsJsonObject("observed");
      List<String> keys = keyOptions(v.getAsJsonObject("keyProvider"), v.getAsJsonObject("key"));
      List<String> frameOptions = frameOptions(frame);

      List<String> decrypt = new ArrayList<>(List.of("frame", "decrypt"));
      decrypt.addAll(keys);
      decrypt.addAll(frameOptions);
      decrypt.add(expected.get("encryptedFrameHex").getAsString());
      cases.add(new Case(id(v, "frame decrypt"), decrypt,
          "OK " + v.getAsJsonObject("decryptedByLiveKit").get("outputHex").getAsString(), true));

      List<String> encrypt = new ArrayList<>(List.of("frame", "encrypt"));
      encrypt.addAll(keys);
      encrypt.addAll(frameOptions);
      encrypt.addAll(List.of("--ssrc", frame.get("ssrc").getAsString(), "--timestamp",
          frame.get("rtpTimestamp").getAsString(), "--insecure-iv-hex", observed.get("ivHex").getAsString(),
          frame.get("plaintextHex").getAsString()));
      cases.add(new Case(id(v, "frame encrypt"), encrypt, "OK " + expected.get("encryptedFrameHex").getAsString(),
          true));

      JsonObject key = v.getAsJsonObject("key");
      List<String> derive = new ArrayList<>(List.of("key", "derive"));
      derive.addAll(material(key.getAsJsonObject("material")));
      derive.addAll(List.of("--kdf", lower(key.get("derivation")), "--key-size",
          v.getAsJsonObject("keyProvider").get("keySize").getAsString(), "--ratchet", ratchetCount(key)));
      cases.add(new Case(id(v, "key derive"), derive, "OK " + observed.get("aesKeyHex").getAsString(), true));
    }
    for (JsonElement e : root.getAsJsonArray("frameBehaviours")) {
      JsonObject v = e.getAsJsonObject();
      String id = v.get("id").getAsString();
      JsonObject receiver = v.getAsJsonObject("receiver");
      JsonObject input = v.getAsJsonObject("input");
      JsonObject result = v.getAsJsonObject("result");
      if (id.equals("sif-vp8-blank-keyframe")) {
        // The receiver of this vector holds no key: none is needed for a server-injected frame.
        List<String> words = new ArrayList<>(List.of("frame", "decrypt",
            "--sif-trailer-hex", receiver.get("sifTrailerHex").getAsString(), "--codec", "vp8"));
        if ("key".equals(input.get("frameType").getAsString())) {
          words.add("--keyframe");
        }
        words.add(input.get("receivedFrameHex").getAsString());
        cases.add(new Case(id + " (frame decrypt)", words, "OK " + result.get("outputHex").getAsString(), true));
      } else if (id.equals("missing-key-index")) {
        for (Map.Entry<String, JsonElement> who : receiver.getAsJsonObject("keys").entrySet()) {
          for (Map.Entry<String, JsonElement> slot : who.getValue().getAsJsonObject().entrySet()) {
            String spec = slot.getValue().getAsString(); // "passphrase <text>"
            List<String> words = new ArrayList<>(List.of("frame", "decrypt", "--passphrase",
                spec.substring(spec.indexOf(' ') + 1), "--key-index", slot.getKey(),
                input.get("receivedFrameHex").getAsString()));
            cases.add(new Case(id + " (frame decrypt)", words, "DROPPED MISSING_KEY ", false));
          }
        }
      }
    }
    for (JsonElement e : root.getAsJsonArray("dataPackets")) {
      JsonObject v = e.getAsJsonObject();
      JsonObject expected = v.getAsJsonObject("expected");
      List<String> keys = keyOptions(v.getAsJsonObject("keyProvider"), v.getAsJsonObject("key"));
      String wire = expected.get("wireDataPacketHex").getAsString();

      List<String> payload = new ArrayList<>(List.of("data", "decrypt"));
      payload.addAll(keys);
      payload.addAll(List.of("--payload", wire));
      cases.add(new Case(id(v, "data decrypt --payload"), payload,
          "OK " + v.getAsJsonObject("decryptedByLiveKit").get("payloadHex").getAsString(), true));

      // The rebuilt packet: the clear value where the EncryptedPacket was, the outer fields kept.
      // protobuf writes fields in number order: the value (2..15) before sequence (16).
      List<String> packet = new ArrayList<>(List.of("data", "decrypt"));
      packet.addAll(keys);
      packet.add(wire);
      cases.add(new Case(id(v, "data decrypt"), packet,
          "OK " + v.get("plaintextDataPacketHex").getAsString() + "800101", true));

      // e2ee4j sets EncryptedPacket.encryption_type = GCM (08 01) as the native SDKs do; JS leaves
      // it unset. Everything else must be LiveKit's bytes.
      List<String> encrypt = new ArrayList<>(List.of("data", "encrypt"));
      encrypt.addAll(keys);
      encrypt.addAll(List.of("--insecure-iv-hex", expected.get("ivHex").getAsString(),
          v.get("plaintextDataPacketHex").getAsString() + "800101"));
      String jsWire = wire;
      String withType = jsWire.replaceFirst("^800101920147", "8001019201490801");
      cases.add(new Case(id(v, "data encrypt"), encrypt, "OK " + withType, true));
    }
    return cases;
  }

  private static String id(JsonObject v, String what) {
    return v.get("id").getAsString() + " (" + what + ")";
  }

  private static String lower(JsonElement e) {
    return e.getAsString().toLowerCase(Locale.ROOT);
  }

  private static String ratchetCount(JsonObject key) {
    return key.has("ratchetCount") ? key.get("ratchetCount").getAsString() : "0";
  }

  static List<String> material(JsonObject material) {
    if (material.get("type").getAsString().equals("passphrase")) {
      return List.of("--passphrase", material.get("utf8").getAsString());
    }
    return List.of("--material-hex", material.get("hex").getAsString());
  }

  static List<String> keyOptions(JsonObject provider, JsonObject key) {
    List<String> words = new ArrayList<>(material(key.getAsJsonObject("material")));
    words.addAll(List.of("--kdf", lower(key.get("derivation")),
        "--salt", provider.get("ratchetSalt").getAsString(),
        "--key-size", provider.get("keySize").getAsString(),
        "--key-ring-size", provider.get("keyringSize").getAsString(),
        "--key-index", key.get("keyIndex").getAsString(),
        "--ratchet", ratchetCount(key)));
    return words;
  }

  static List<String> frameOptions(JsonObject frame) {
    List<String> words = new ArrayList<>(List.of("--codec", frame.get("codec").getAsString(),
        "--kind", frame.get("mediaKind").getAsString()));
    if (frame.has("frameType") && !frame.get("frameType").isJsonNull()
        && frame.get("frameType").getAsString().equals("key")) {
      words.add("--keyframe");
    }
    return words;
  }
}
