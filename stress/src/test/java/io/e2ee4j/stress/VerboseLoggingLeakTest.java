package io.e2ee4j.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.e2ee4j.api.KeyDerivation;
import io.e2ee4j.api.KeyMaterial;
import io.e2ee4j.api.KeyProviderOptions;
import io.e2ee4j.api.ParticipantId;
import io.e2ee4j.api.data.DataPacketCryptor;
import io.e2ee4j.api.data.DataPacketResult;
import io.e2ee4j.api.media.EncodedFrame;
import io.e2ee4j.api.media.FrameResult;
import io.e2ee4j.core.E2eeManager;
import io.e2ee4j.core.KeyDerivations;
import io.e2ee4j.core.ManagedFrameCryptor;
import io.e2ee4j.transport.datachannel.DataPackets;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
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
import org.junit.jupiter.api.Timeout;

/**
 * A small room (alice and bob talking, carol holding a stale key, an intruder's forged frames and
 * packets) run with System.Logger at its most verbose: a java.util.logging handler at {@code ALL}
 * on the root logger captures every record, formatted with its parameters (and stack traces) by
 * {@link SimpleFormatter}, plus each parameter's own {@code toString}. Keys are set (a passphrase
 * with PBKDF2, raw bytes with HKDF), ratcheted, auto-ratcheted, exported and replaced; frames and
 * data packets carry known plaintext markers; a participant is removed; everything is closed.
 *
 * <p>Where {@code core}'s {@code SecretsNeverLeakTest} covers the key provider alone, this covers
 * the whole stack of a room: manager, frame cryptors, data-packet cryptors, state events.
 *
 * <p><b>Proves:</b> no captured line contains a key material, ratcheted material, derived AES key
 * or plaintext payload, as lower- or upper-case hex (whole, or any 8-byte window), Base64 (with and
 * without padding), or for plaintext as the text itself; and that the capture saw lines at all
 * (debug lines of the key provider and the manager among them), so the check means something.
 *
 * <p><b>Prints</b> ({@code [stress] logging ...}): records captured by level, secrets and forms
 * searched for.
 */
class VerboseLoggingLeakTest {

  private static final byte[] SALT = KeyProviderOptions.DEFAULT_RATCHET_SALT.getBytes(StandardCharsets.UTF_8);
  private static final String PASSPHRASE = "alice's very secret passphrase";
  private static final String FRAME_MARKER = "PLAINTEXT-FRAME-MARKER-4f1c";
  private static final String DATA_MARKER = "PLAINTEXT-DATA-MARKER-9b2e";

  @Test
  @Timeout(60)
  void noLogLineAtAnyLevelShowsKeysOrPlaintext() {
    List<String> lines = new CopyOnWriteArrayList<>();
    List<Level> levels = new CopyOnWriteArrayList<>();
    Handler capture = new Handler() {
      final SimpleFormatter formatter = new SimpleFormatter();

      @Override
      public void publish(LogRecord record) {
        levels.add(record.getLevel());
        lines.add(formatter.format(record));
        if (record.getParameters() != null) {
          for (Object p : record.getParameters()) {
            lines.add(String.valueOf(p));
          }
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    capture.setLevel(Level.ALL);
    Logger root = Logger.getLogger("");
    Logger ours = Logger.getLogger("io.e2ee4j");
    Level rootLevel = root.getLevel();
    Level oursLevel = ours.getLevel();
    List<Handler> consoleHandlers = new ArrayList<>(Arrays.asList(root.getHandlers()));
    consoleHandlers.forEach(root::removeHandler); // captured, not printed
    root.addHandler(capture);
    root.setLevel(Level.ALL);
    ours.setLevel(Level.ALL);
    List<byte[]> secrets = new ArrayList<>();
    List<String> texts = new ArrayList<>(List.of(PASSPHRASE, FRAME_MARKER, DATA_MARKER));
    try {
      runRoom(secrets);
    } finally {
      root.removeHandler(capture);
      consoleHandlers.forEach(root::addHandler);
      root.setLevel(rootLevel);
      ours.setLevel(oursLevel);
    }

    List<String> forms = new ArrayList<>();
    for (byte[] s : secrets) {
      forms.addAll(forms(s));
    }
    forms.addAll(texts);
    List<String> leaks = new ArrayList<>();
    for (String line : lines) {
      for (String form : forms) {
        if (line.contains(form)) {
          leaks.add(line.strip() + "  <-- contains " + form);
        }
      }
    }
    long debug = levels.stream().filter(l -> l.intValue() < Level.INFO.intValue()).count();
    Figures.print("logging: %d records captured (%d below INFO, %d INFO, %d WARNING or above), %d lines with"
        + " parameters; searched for %d secrets and plaintexts in %d forms; leaks %d", levels.size(), debug,
        levels.stream().filter(l -> l == Level.INFO).count(),
        levels.stream().filter(l -> l.intValue() >= Level.WARNING.intValue()).count(), lines.size(),
        secrets.size() + texts.size(), forms.size(), leaks.size());
    assertTrue(levels.size() > 20, "too few log records to mean anything: " + lines);
    assertTrue(lines.stream().anyMatch(l -> l.contains("key set for")), "the key provider's debug lines were not captured");
    assertTrue(lines.stream().anyMatch(l -> l.contains("created DECRYPT cryptor")), "the manager's debug lines were not captured");
    assertEquals(List.of(), leaks);
  }

  private static void runRoom(List<byte[]> secrets) {
    ParticipantId alice = ParticipantId.of("alice");
    ParticipantId bob = ParticipantId.of("bob");
    ParticipantId carol = ParticipantId.of("carol");
    ParticipantId intruder = ParticipantId.of("intruder");
    KeyProviderOptions options = KeyProviderOptions.builder().ratchetWindowSize(4).failureTolerance(2).build();
    byte[] bobRaw = HexFormat.of().parseHex("00112233445566778899aabbccddeeff0123456789abcdef0123456789abcdef");
    byte[] aliceBytes = PASSPHRASE.getBytes(StandardCharsets.UTF_8);
    addChain(secrets, aliceBytes, KeyDerivation.PBKDF2, 3);
    addChain(secrets, bobRaw, KeyDerivation.HKDF, 3);
    try (E2eeManager a = E2eeManager.builder().keyProviderOptions(options).build();
        E2eeManager b = E2eeManager.builder().keyProviderOptions(options).build();
        E2eeManager c = E2eeManager.builder().keyProviderOptions(options).build()) {
      for (E2eeManager m : List.of(a, b)) {
        m.keyProvider().setKey(alice, 0, KeyMaterial.fromPassphrase(PASSPHRASE));
        m.keyProvider().setKey(bob, 0, KeyMaterial.fromBytes(bobRaw));
      }
      c.keyProvider().setKey(alice, 0, KeyMaterial.fromPassphrase("a stale passphrase"));
      List<String> states = new ArrayList<>();
      for (E2eeManager m : List.of(a, b, c)) {
        m.addStateListener(e -> states.add(e.toString()));
      }
      ManagedFrameCryptor aliceMic = a.createLocalCryptor(alice, "mic", StressMedia.OPUS);
      ManagedFrameCryptor bobHearsAlice = b.createRemoteCryptor(alice, "mic", StressMedia.OPUS);
      ManagedFrameCryptor carolHearsAlice = c.createRemoteCryptor(alice, "mic", StressMedia.OPUS);
      ManagedFrameCryptor bobHearsIntruder = b.createRemoteCryptor(intruder, "mic", StressMedia.OPUS);
      DataPacketCryptor aliceData = a.createDataPacketCryptor(alice);
      DataPacketCryptor bobData = b.createDataPacketCryptor(bob);
      for (int round = 0; round < 12; round++) {
        if (round == 4) {
          a.keyProvider().ratchetKey(alice, 0); // bob follows by auto-ratchet
        }
        if (round == 8) {
          byte[] fresh = new byte[32];
          new java.util.Random(round).nextBytes(fresh);
          addChain(secrets, fresh, KeyDerivation.HKDF, 1);
          a.keyProvider().setKey(alice, 1, KeyMaterial.fromBytes(fresh));
          b.keyProvider().setKey(alice, 1, KeyMaterial.fromBytes(fresh));
        }
        byte[] plain = ("x" + FRAME_MARKER + " round " + round + " some audio bytes follow").getBytes(StandardCharsets.US_ASCII);
        plain[0] = 0x78;
        secrets.add(plain);
        FrameResult sealed = aliceMic.process(EncodedFrame.audio(ByteBuffer.wrap(plain), StressMedia.OPUS, 1, round * 960, alice));
        FrameResult heard = bobHearsAlice.process(EncodedFrame.audio(sealed.output(), StressMedia.OPUS, 1, round * 960, alice));
        assertEquals(FrameResult.Status.DECRYPTED, heard.status(), "round " + round + ": " + heard.describe());
        carolHearsAlice.process(EncodedFrame.audio(sealed.output(), StressMedia.OPUS, 1, round * 960, alice));
        byte[] forged = new byte[40];
        new java.util.Random(round).nextBytes(forged);
        forged[38] = 12;
        forged[39] = (byte) (round % 3);
        bobHearsIntruder.process(EncodedFrame.audio(ByteBuffer.wrap(forged), StressMedia.OPUS, 9, round, intruder));

        byte[] payload = (DATA_MARKER + " message " + round).getBytes(StandardCharsets.UTF_8);
        secrets.add(payload);
        DataPacketResult sent = aliceData.encrypt(DataPackets.userPacket(payload, "chat"));
        secrets.add(sent.payloadBytesOrNull());
        DataPacketResult got = bobData.decrypt(ByteBuffer.wrap(sent.packetBytes()), alice);
        assertTrue(got.isOk(), got.describe());
        bobData.decrypt(ByteBuffer.wrap(DataPackets.withParticipantIdentity(sent.packet(), "intruder")), null);
        bobData.decrypt(ByteBuffer.wrap(DataPackets.withParticipantIdentity(
            ByteBuffer.wrap(DataPackets.userPacket(payload, "chat")), "alice")), null); // clear: refused
        states.add(sent.toString() + got + heard + sealed);
      }
      secrets.add(a.keyProvider().exportKey(alice, 0));
      secrets.add(b.keyProvider().exportKey(alice, 0));
      secrets.add(b.keyProvider().exportKey(bob, 0));
      secrets.add(a.keyProvider().exportKey(alice, 1));
      a.keyProvider().ratchetKey(alice, 1);
      addChain(secrets, a.keyProvider().exportKey(alice, 1), KeyDerivation.HKDF, 1);
      b.setEnabled(alice, false);
      bobHearsAlice.process(EncodedFrame.audio(ByteBuffer.wrap(new byte[] {0x78, 1, 2, 3}), StressMedia.OPUS, 1, 0, alice));
      b.removeParticipant(alice);
      try {
        b.keyProvider().exportKey(alice, 0);
      } catch (IllegalStateException expected) {
        states.add(expected.getMessage());
      }
      // the listener's texts go through the log check too
      states.forEach(s -> System.getLogger("io.e2ee4j.stress.states").log(System.Logger.Level.TRACE, s));
    }
  }

  /** The material, its ratchets, and the AES keys of each (16 and 32 bytes). */
  private static void addChain(List<byte[]> secrets, byte[] material, KeyDerivation kdf, int ratchets) {
    byte[] m = material;
    for (int i = 0; i <= ratchets; i++) {
      secrets.add(m);
      secrets.add(KeyDerivations.deriveKey(m, kdf, SALT, 16));
      secrets.add(KeyDerivations.deriveKey(m, kdf, SALT, 32));
      m = KeyDerivations.ratchet(m, kdf, SALT);
    }
  }

  /** Hex (both cases, whole and 8-byte windows) and Base64 (with and without padding). */
  private static List<String> forms(byte[] secret) {
    List<String> forms = new ArrayList<>();
    String hex = HexFormat.of().formatHex(secret);
    forms.add(hex);
    forms.add(hex.toUpperCase(Locale.ROOT));
    forms.add(Base64.getEncoder().encodeToString(secret));
    forms.add(Base64.getEncoder().withoutPadding().encodeToString(secret));
    for (int i = 0; i + 8 <= secret.length; i += 4) {
      String window = HexFormat.of().formatHex(secret, i, i + 8);
      forms.add(window);
      forms.add(window.toUpperCase(Locale.ROOT));
    }
    return forms;
  }
}
