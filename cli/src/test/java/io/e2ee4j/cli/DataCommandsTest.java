package io.e2ee4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.e2ee4j.testing.Hex;
import io.e2ee4j.transport.datachannel.DataPackets;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code data encrypt} and {@code data decrypt} through the entry point. */
class DataCommandsTest {

  private static final String KEY = "data test passphrase";
  private static final String USER = Hex.encode(DataPackets.userPacket(
      "hello from the CLI test".getBytes(StandardCharsets.UTF_8), "chat"));
  private static final String IV = "a0a1a2a3a4a5a6a7a8a9aaab";

  private static CliRun encrypt(String packet, String... options) {
    return CliRun.of(FrameCommandsTest.args(java.util.List.of("data", "encrypt", "--passphrase", KEY),
        FrameCommandsTest.args(java.util.List.of(options), packet)));
  }

  private static CliRun decrypt(String packet, String... options) {
    return CliRun.of(FrameCommandsTest.args(java.util.List.of("data", "decrypt", "--passphrase", KEY),
        FrameCommandsTest.args(java.util.List.of(options), packet)));
  }

  @Test
  void encryptThenDecrypt_givesBackThePacket_andPayloadGivesTheSealedValue() {
    CliRun sealed = encrypt(USER);
    assertEquals(0, sealed.exitCode(), sealed::toString);
    assertNotEquals(USER, sealed.stdout());
    assertEquals(DataPackets.valueCase(ByteBuffer.wrap(Hex.decode(sealed.stdout()))).name(), "ENCRYPTED_PACKET");
    assertEquals(USER, decrypt(sealed.stdout()).stdout());
    // EncryptedPacketPayload.user is field 1 where DataPacket.user is field 2: same bytes after the tag.
    assertEquals("0a" + USER.substring(2), decrypt(sealed.stdout(), "--payload").stdout());
  }

  @Test
  void insecureIv_isTheIvOnTheWire() {
    CliRun sealed = encrypt(USER, "--insecure-iv-hex", IV.toUpperCase());
    assertEquals(0, sealed.exitCode(), sealed::toString);
    assertTrue(sealed.stdout().contains("120c" + IV), sealed.stdout());
    assertTrue(sealed.err().contains("--insecure-iv-hex"), sealed::toString);
    CliRun shortIv = encrypt(USER, "--insecure-iv-hex", "a0a1");
    assertTrue(shortIv.exitCode() == 2 && shortIv.err().contains("--insecure-iv-hex"), shortIv::toString);
  }

  @Test
  void keyIndex_travelsInTheEncryptedPacket_andSelectsTheKey() {
    String sealed = encrypt(USER, "--key-index", "2").stdout();
    assertTrue(sealed.contains("1802"), sealed); // EncryptedPacket.key_index = 2
    assertEquals(USER, decrypt(sealed, "--key-index", "2").stdout());
    CliRun missing = decrypt(sealed);
    assertEquals(3, missing.exitCode(), missing::toString);
    assertTrue(missing.err().startsWith("DROPPED MISSING_KEY missing key"), missing::toString);
  }

  @Test
  void wrongKey_isDroppedAsDecryptionFailed() {
    String sealed = encrypt(USER).stdout();
    CliRun run = CliRun.of("data", "decrypt", "--passphrase", "another", sealed);
    assertEquals(3, run.exitCode(), run::toString);
    assertEquals("", run.out());
    assertTrue(run.err().startsWith("DROPPED DECRYPTION_FAILED authentication failed"), run::toString);
    assertTrue(run.err().contains("(AUTHENTICATION_FAILED)"), run::toString);
  }

  @Test
  void senderIdentityAddedBySfu_doesNotStopASharedKeyFromOpeningIt() {
    String sealed = CliRun.of("data", "encrypt", "--material-hex", "0011223344556677", USER).stdout();
    String relayed = Hex.encode(DataPackets.withParticipantIdentity(ByteBuffer.wrap(Hex.decode(sealed)), "alice"));
    CliRun run = CliRun.of("data", "decrypt", "--material-hex", "0011223344556677", "--payload", relayed);
    assertEquals(0, run.exitCode(), run::toString);
    assertEquals("0a" + USER.substring(2), run.stdout());
  }

  @Test
  void withoutKeyOptions_anEncryptedPacketIsDroppedAsMissingKey() {
    String sealed = encrypt(USER).stdout();
    CliRun run = CliRun.of("data", "decrypt", sealed);
    assertEquals(3, run.exitCode(), run::toString);
    assertTrue(run.err().startsWith("DROPPED MISSING_KEY") && run.err().contains("no key given"), run::toString);
  }

  @Test
  void clearValueKinds_comeBackUnchanged_butHaveNoPayload() {
    String speaker = "1a00"; // DataPacket.speaker = {} travels in clear
    CliRun sealed = encrypt(speaker);
    assertEquals(0, sealed.exitCode(), sealed::toString);
    assertEquals(speaker, sealed.stdout());
    assertTrue(sealed.err().contains("value speaker is sent in clear"), sealed::toString);
    assertEquals(speaker, decrypt(speaker).stdout());
    CliRun payload = decrypt(speaker, "--payload");
    assertEquals(3, payload.exitCode(), payload::toString);
    assertTrue(payload.err().startsWith("DROPPED PLAINTEXT_NOT_ALLOWED"), payload::toString);
  }

  @Test
  void inspect_describesTheEncryptedPacket_andWithKeysWhetherItDecrypts() {
    String sealed = encrypt(USER, "--key-index", "2", "--insecure-iv-hex", IV).stdout();
    CliRun plain = CliRun.of("data", "inspect", sealed);
    assertEquals(0, plain.exitCode(), plain::toString);
    assertTrue(plain.out().contains("value: encrypted_packet (field 18)"), plain::toString);
    int payload = USER.length() / 2;
    assertTrue(plain.out().contains("EncryptedPacket: encryption type GCM, key index 2, IV " + IV
        + " (12 bytes), encrypted value " + (payload + 16) + " bytes"), plain::toString);
    assertTrue(!plain.out().contains(USER.substring(4)), plain::toString); // never the value's bytes

    CliRun right = CliRun.of("data", "inspect", "--passphrase", KEY, "--key-index", "2", sealed);
    assertEquals(0, right.exitCode(), right::toString);
    assertTrue(right.out().contains("decrypts: yes, with the key in slot 2 -> value user"), right::toString);

    CliRun wrongIndex = CliRun.of("data", "inspect", "--passphrase", KEY, sealed);
    assertEquals(3, wrongIndex.exitCode(), wrongIndex::toString);
    assertTrue(wrongIndex.out().contains("decrypts: no: missing key"), wrongIndex::toString);
    assertTrue(wrongIndex.err().startsWith("DROPPED MISSING_KEY"), wrongIndex::toString);

    CliRun clear = CliRun.of("data", "inspect", "1a00");
    assertTrue(clear.out().contains("value: speaker (field 3), a case LiveKit always sends in clear"), clear::toString);
  }

  @Test
  void bytesThatAreNotADataPacket_areDropped_andBadHexIsAUsageError() {
    CliRun garbage = decrypt("ffffffff");
    assertEquals(3, garbage.exitCode(), garbage::toString);
    assertTrue(garbage.err().startsWith("DROPPED DECRYPTION_FAILED"), garbage::toString);
    assertTrue(garbage.err().contains("MALFORMED_PACKET"), garbage::toString);
    CliRun badHex = decrypt("12x4");
    assertTrue(badHex.exitCode() == 2 && badHex.err().contains("DATAPACKETHEX"), badHex::toString);
  }
}
