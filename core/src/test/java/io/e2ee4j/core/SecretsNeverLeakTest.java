package io.e2ee4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.e2ee4j.api.CryptoKey;
import io.e2ee4j.api.KeyDerivation;
import io.e2ee4j.api.KeyEvent;
import io.e2ee4j.api.KeyMaterial;
import io.e2ee4j.api.KeyProviderListener;
import io.e2ee4j.api.KeyProviderOptions;
import io.e2ee4j.api.ParticipantId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.Test;

/**
 * Drives the key provider through its normal and failing paths with every log level on, and
 * checks that no key or material shows up, as text, hex (either case) or Base64, in any log line,
 * {@code toString} or exception message.
 */
class SecretsNeverLeakTest {

  private static final String PASSPHRASE = "correct horse battery staple";
  private static final byte[] SALT = KeyProviderOptions.DEFAULT_RATCHET_SALT.getBytes(StandardCharsets.UTF_8);

  @Test
  void keysNeverAppearInLogsToStringsOrExceptions() {
    List<String> seen = new CopyOnWriteArrayList<>();
    Logger root = Logger.getLogger("");
    Level oldLevel = root.getLevel();
    Handler capture = new Handler() {
      final SimpleFormatter formatter = new SimpleFormatter();

      @Override
      public void publish(LogRecord record) {
        seen.add(formatter.format(record));
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    capture.setLevel(Level.ALL);
    root.addHandler(capture);
    root.setLevel(Level.ALL);
    Logger.getLogger("io.e2ee4j").setLevel(Level.ALL);
    List<byte[]> secrets = new ArrayList<>();
    try {
      byte[] material = PASSPHRASE.getBytes(StandardCharsets.UTF_8);
      secrets.add(material);
      byte[] next = KeyDerivations.ratchet(material, KeyDerivation.PBKDF2, SALT);
      secrets.add(next);
      secrets.add(KeyDerivations.deriveKey(material, KeyDerivation.PBKDF2, SALT, 16));
      secrets.add(KeyDerivations.deriveKey(next, KeyDerivation.PBKDF2, SALT, 16));
      secrets.add(KeyDerivations.ratchet(next, KeyDerivation.PBKDF2, SALT));

      KeyMaterial keyMaterial = KeyMaterial.fromPassphrase(PASSPHRASE);
      seen.add(keyMaterial.toString());
      try (DefaultKeyProvider shared = new DefaultKeyProvider(KeyProviderOptions.builder().sharedKey(true).build());
          DefaultKeyProvider perParticipant = new DefaultKeyProvider(KeyProviderOptions.defaults())) {
        KeyProviderListener listener = new KeyProviderListener() {
          @Override
          public void onKeySet(KeyEvent event) {
            seen.add(event.toString());
          }

          @Override
          public void onKeyRatcheted(KeyEvent event) {
            seen.add(event.toString());
          }
        };
        shared.addListener(listener);
        perParticipant.addListener(listener);
        shared.setSharedKey(1, keyMaterial);
        ParticipantId alice = ParticipantId.of("alice");
        perParticipant.setKey(alice, 1, keyMaterial);
        CryptoKey key = shared.keyHandler(alice).keyOrNull(1);
        seen.add(key.toString());
        seen.add(shared.keyHandler(alice).toString());
        seen.add(shared.toString());
        seen.add(perParticipant.toString());
        seen.add(shared.options().toString());
        shared.ratchetSharedKey(1);
        CryptoKey candidate = perParticipant.keyHandler(alice).ratchetCandidateOrNull(
            perParticipant.keyHandler(alice).keyOrNull(1), 1);
        perParticipant.keyHandler(alice).acceptRatchetCandidate(perParticipant.keyHandler(alice).keyOrNull(1), candidate);
        seen.add(candidate.toString());
        for (Runnable failing : List.<Runnable>of(
            () -> shared.setKey(alice, 0, keyMaterial),
            () -> shared.ratchetSharedKey(5),
            () -> shared.exportSharedKey(7),
            () -> perParticipant.exportKey(alice, 9),
            () -> perParticipant.setKey(alice, 300, keyMaterial),
            () -> KeyMaterial.fromPassphrase(""),
            () -> {
              keyMaterial.destroy();
              keyMaterial.copyBytes();
            })) {
          try {
            failing.run();
            seen.add("no exception?");
          } catch (RuntimeException e) {
            seen.add(String.valueOf(e.getMessage()));
            seen.add(e.toString());
          }
        }
      }
    } finally {
      root.removeHandler(capture);
      root.setLevel(oldLevel);
    }
    assertTrue(seen.size() > 15, "too little was observed to mean anything: " + seen);
    assertTrue(seen.stream().anyMatch(line -> line.contains("shared key set at index")),
        "the provider's debug log was not captured, so this test would prove nothing: " + seen);
    List<String> leaks = new ArrayList<>();
    for (String text : seen) {
      for (byte[] secret : secrets) {
        for (String form : forms(secret)) {
          if (text.contains(form)) {
            leaks.add(text);
          }
        }
      }
      if (text.contains(PASSPHRASE)) {
        leaks.add(text);
      }
    }
    assertEquals(List.of(), leaks);
  }

  /** Hex (both cases) and Base64 forms, and 8-byte hex windows that would show a partial key. */
  private static List<String> forms(byte[] secret) {
    List<String> forms = new ArrayList<>();
    String hex = HexFormat.of().formatHex(secret);
    forms.add(hex);
    forms.add(hex.toUpperCase(Locale.ROOT));
    forms.add(Base64.getEncoder().encodeToString(secret));
    forms.add(Base64.getEncoder().withoutPadding().encodeToString(secret));
    for (int i = 0; i + 8 <= secret.length; i += 4) {
      forms.add(HexFormat.of().formatHex(secret, i, i + 8));
    }
    return forms;
  }
}
