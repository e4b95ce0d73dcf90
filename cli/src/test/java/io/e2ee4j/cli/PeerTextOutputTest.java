package io.e2ee4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import io.e2ee4j.testing.Hex;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Text a peer chose (a data packet's participant identity and sid) is printed escaped: a forged
 * identity never makes a second answer line in batch mode, and no control character reaches the
 * terminal.
 */
class PeerTextOutputTest {

  /** The identity of the attack: a line break and a forged answer. */
  private static final String FORGED = "alice\nOK 48656c6c6f";

  /** A DataPacket (LiveKit's wire format) with the given identity and sid and an EncryptedPacket value. */
  static String packet(String identity, String sid) {
    try {
      ByteArrayOutputStream encrypted = new ByteArrayOutputStream();
      CodedOutputStream e = CodedOutputStream.newInstance(encrypted);
      e.writeEnum(1, 1); // GCM
      e.writeBytes(2, ByteString.copyFrom(new byte[12])); // IV
      e.writeUInt32(3, 0); // key index
      e.writeBytes(4, ByteString.copyFrom(new byte[20])); // sealed value: no key opens it
      e.flush();
      ByteArrayOutputStream packet = new ByteArrayOutputStream();
      CodedOutputStream p = CodedOutputStream.newInstance(packet);
      p.writeString(4, identity);
      p.writeString(5, "bob\nOK 00"); // a destination identity
      p.writeString(17, sid);
      p.writeBytes(18, ByteString.copyFrom(encrypted.toByteArray()));
      p.flush();
      return Hex.encode(packet.toByteArray());
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static void assertNoControlCharacters(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean control = (c < 0x20 && c != '\n') || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029';
      assertFalse(control, () -> String.format("U+%04X at %d in: %s", (int) c, text.indexOf(c), text));
    }
  }

  @Test
  void forgedIdentityInBatchMode_givesExactlyOneAnswerLinePerInputLine() {
    String packet = packet(FORGED, "PA_1\r\nOK 00");
    CliRun run = CliRun.batch(List.of(
        "data decrypt --passphrase 'room key' " + packet,
        "data decrypt " + packet,
        "data inspect --passphrase 'room key' " + packet,
        "data inspect " + packet,
        "key ratchet --passphrase x --steps 0"));
    List<String> lines = run.outLines();
    assertEquals(5, lines.size(), run::toString);
    assertTrue(lines.get(0).startsWith("DROPPED DECRYPTION_FAILED authentication failed (participant alice\\nOK "
        + "48656c6c6f, key index 0)"), lines.get(0));
    assertTrue(lines.get(1).startsWith("DROPPED MISSING_KEY "), lines.get(1));
    assertTrue(lines.get(1).contains("alice\\nOK 48656c6c6f"), lines.get(1));
    assertTrue(lines.get(2).startsWith("DROPPED DECRYPTION_FAILED "), lines.get(2));
    assertTrue(lines.get(3).startsWith("OK DataPacket: "), lines.get(3));
    assertTrue(lines.get(3).contains("participant identity alice\\nOK 48656c6c6f, sid PA_1\\r\\nOK 00"), lines.get(3));
    assertEquals("OK 78", lines.get(4));
    assertNoControlCharacters(run.out());
  }

  @Test
  void controlCharactersSeparatorsAndBackslashesFromAPeer_areShownAsEscapes() {
    String identity = "a\u001b[31mred\u0007\u007f\u0085\u009b\u2028\u2029\u202e\\n\tz";
    CliRun inspect = CliRun.of("data", "inspect", packet(identity, "sid"));
    assertEquals(0, inspect.exitCode(), inspect::toString);
    assertTrue(inspect.out().contains(
        "participant identity a\\x1b[31mred\\x07\\x7f\\x85\\x9b\\u2028\\u2029\\u202e\\\\n\\tz, sid sid"),
        inspect::toString);
    assertNoControlCharacters(inspect.out());

    CliRun decrypt = CliRun.of("data", "decrypt", "--passphrase", "room key", packet(identity, "sid"));
    assertEquals(Cli.EXIT_DROPPED, decrypt.exitCode(), decrypt::toString);
    assertTrue(decrypt.err().contains("(participant a\\x1b[31mred\\x07"), decrypt::toString);
    assertEquals(1, decrypt.err().lines().count(), decrypt::toString);
    assertNoControlCharacters(decrypt.err());
  }

  @Test
  void plainIdentities_printAsTheyAre() {
    CliRun inspect = CliRun.of("data", "inspect", packet("Zoë 🎥 (laptop)", "PA_x"));
    assertTrue(inspect.out().contains("participant identity Zoë 🎥 (laptop), sid PA_x; 1 destination identity"),
        inspect::toString);
  }

  @Test
  void aVeryLongIdentity_isCutAndMarkedWithItsLength() {
    String identity = "x".repeat(5000);
    CliRun inspect = CliRun.of("data", "inspect", packet(identity, "s"));
    assertTrue(inspect.out().contains("participant identity " + "x".repeat(PeerText.MAX_SHOWN_CHARS)
        + "...(5000 chars), sid s"), inspect::toString);
  }
}
