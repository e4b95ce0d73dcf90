package io.e2ee4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code key derive} and {@code key ratchet} through the command line's entry point. */
class KeyCommandsTest {

  // LiveKit JS: passphrase "livekit-e2ee-interop-passphrase" -> df17...; "ratchet-me" ratchets to 8465... then 09a8...
  private static final String PASSPHRASE = "livekit-e2ee-interop-passphrase";
  private static final String RAW = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

  @Test
  void deriveFromPassphrase_usesPbkdf2AndPrintsTheAesKey() {
    CliRun run = CliRun.of("key", "derive", "--passphrase", PASSPHRASE);
    assertEquals(0, run.exitCode(), run::toString);
    assertEquals("df17b9c09b0d44a72da37944be02359e", run.stdout());
    assertEquals("", run.err());
  }

  @Test
  void deriveFromRawMaterial_usesHkdf_andAcceptsUpperCaseHex() {
    CliRun run = CliRun.of("key", "derive", "--material-hex", RAW.toUpperCase());
    assertEquals(0, run.exitCode(), run::toString);
    assertEquals("6d0dd7b3d6f4efde47ab9a9e15abde76", run.stdout());
  }

  @Test
  void deriveWithExplicitKdf_overridesTheDefaultOfTheMaterialKind() {
    String pbkdf2OfRaw = CliRun.of("key", "derive", "--material-hex", RAW, "--kdf", "pbkdf2").stdout();
    String hkdfOfRaw = CliRun.of("key", "derive", "--material-hex", RAW, "--kdf", "HKDF").stdout();
    assertEquals("6d0dd7b3d6f4efde47ab9a9e15abde76", hkdfOfRaw);
    assertTrue(pbkdf2OfRaw.matches("[0-9a-f]{32}") && !pbkdf2OfRaw.equals(hkdfOfRaw), pbkdf2OfRaw);
  }

  @Test
  void deriveAfterRatchets_isTheKeyOfTheRatchetedMaterial() {
    CliRun run = CliRun.of("key", "derive", "--passphrase", "ratchet-me", "--ratchet", "1");
    assertEquals("09a82702a5c2b5e29826a06e5022fbd1", run.stdout(), run::toString);
  }

  @Test
  void deriveWithKeySize256_printsThirtyTwoBytes() {
    // AES-256 key = the full first KDF block = the next material (first-block property).
    CliRun run = CliRun.of("key", "derive", "--passphrase", "ratchet-me", "--key-size", "256");
    assertEquals("84659b558f233199eedaab62a13cdd9d975d0798eaeb4a901c45a90247647b28", run.stdout(), run::toString);
  }

  @Test
  void saltAsTextAndAsHex_giveTheSameKey_andDifferFromTheDefaultSalt() {
    String text = CliRun.of("key", "derive", "--material-hex", RAW, "--salt", "other salt").stdout();
    String hex = CliRun.of("key", "derive", "--material-hex", RAW, "--salt-hex", "6f746865722073616c74").stdout();
    String defaultHex = CliRun.of("key", "derive", "--material-hex", RAW, "--salt-hex",
        "4c4b4672616d65456e6372797074696f6e4b6579").stdout();
    assertEquals(text, hex);
    assertEquals("6d0dd7b3d6f4efde47ab9a9e15abde76", defaultHex);
    assertTrue(!text.equals(defaultHex));
  }

  @Test
  void ratchet_defaultsToOneStep() {
    CliRun run = CliRun.of("key", "ratchet", "--passphrase", "ratchet-me");
    assertEquals(0, run.exitCode(), run::toString);
    assertEquals("84659b558f233199eedaab62a13cdd9d975d0798eaeb4a901c45a90247647b28", run.stdout());
  }

  @Test
  void ratchetSteps_chainTheKdf() {
    assertEquals("09a82702a5c2b5e29826a06e5022fbd17eb98f6b4cf1863d6e1232e014911a6e",
        CliRun.of("key", "ratchet", "--passphrase", "ratchet-me", "--steps", "2").stdout());
    assertEquals("477de50b4f31d76ef536079390acfb71ab7eb650fe59bf05f65cf5e55c71ee5e",
        CliRun.of("key", "ratchet", "--material-hex",
            "fffefdfcfbfaf9f8f7f6f5f4f3f2f1f0efeeedecebeae9e8e7e6e5e4e3e2e1e0").stdout());
  }

  @Test
  void ratchetZeroSteps_printsTheMaterialItself() {
    assertEquals("726174636865742d6d65", CliRun.of("key", "ratchet", "--passphrase", "ratchet-me", "--steps", "0")
        .stdout());
  }

  @Test
  void missingMaterial_isAUsageErrorNamingBothOptions() {
    CliRun run = CliRun.of("key", "derive");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("--passphrase") && run.err().contains("--material-hex"), run::toString);
    assertEquals("", run.out());
  }

  @Test
  void bothMaterials_orBothSalts_areUsageErrors() {
    CliRun materials = CliRun.of("key", "derive", "--passphrase", "a", "--material-hex", "00");
    CliRun salts = CliRun.of("key", "ratchet", "--passphrase", "a", "--salt", "s", "--salt-hex", "00");
    assertEquals(2, materials.exitCode());
    assertTrue(materials.err().contains("mutually exclusive"), materials::toString);
    assertEquals(2, salts.exitCode());
    assertTrue(salts.err().contains("--salt") && salts.err().contains("--salt-hex"), salts::toString);
  }

  @Test
  void badValues_areUsageErrorsNamingTheOption_withoutEchoingSecretHex() {
    CliRun badHex = CliRun.of("key", "derive", "--material-hex", "deadbeefXY");
    assertEquals(2, badHex.exitCode());
    assertTrue(badHex.err().contains("--material-hex") && badHex.err().contains("'X' at position 9"), badHex::toString);
    assertTrue(!badHex.err().contains("deadbeef"), badHex::toString);

    CliRun oddHex = CliRun.of("key", "derive", "--material-hex", "abc");
    assertTrue(oddHex.exitCode() == 2 && oddHex.err().contains("odd number of digits"), oddHex::toString);

    CliRun keySize = CliRun.of("key", "derive", "--passphrase", "a", "--key-size", "192");
    assertTrue(keySize.exitCode() == 2 && keySize.err().contains("--key-size must be 128 or 256"), keySize::toString);

    CliRun kdf = CliRun.of("key", "derive", "--passphrase", "a", "--kdf", "scrypt");
    assertTrue(kdf.exitCode() == 2 && kdf.err().contains("--kdf") && kdf.err().contains("scrypt"), kdf::toString);

    CliRun steps = CliRun.of("key", "ratchet", "--passphrase", "a", "--steps", "-1");
    assertTrue(steps.exitCode() == 2 && steps.err().contains("--steps must be 0..1000"), steps::toString);

    CliRun notNumber = CliRun.of("key", "derive", "--passphrase", "a", "--ratchet", "many");
    assertTrue(notNumber.exitCode() == 2 && notNumber.err().contains("--ratchet"), notNumber::toString);

    CliRun empty = CliRun.of("key", "derive", "--passphrase", "");
    assertTrue(empty.exitCode() == 2 && empty.err().contains("--passphrase is empty"), empty::toString);
  }

  @Test
  void usageErrors_printNoStackTrace() {
    CliRun run = CliRun.of("key", "derive", "--material-hex", "zz");
    assertTrue(!run.err().contains("Exception") && !run.err().contains("\tat "), run::toString);
  }
}
