package io.e2ee4j.cli;

import static io.e2ee4j.api.KeyDerivation.HKDF;
import static io.e2ee4j.api.KeyDerivation.PBKDF2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.e2ee4j.testing.Hex;
import org.junit.jupiter.api.Test;

/**
 * {@code key derive} and {@code key ratchet} through the command line's entry point, against the
 * library's own derivations (LiveKit's values are checked in {@link LiveKitVectorsCliTest}).
 */
class KeyCommandsTest {

  private static final String PASSPHRASE = "correct horse battery staple";
  private static final String RAW = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

  @Test
  void deriveFromPassphrase_usesPbkdf2AndPrintsTheAesKey() {
    CliRun run = CliRun.of("key", "derive", "--passphrase", PASSPHRASE);
    assertEquals(0, run.exitCode(), run::toString);
    assertEquals(Lib.key(Lib.utf8(PASSPHRASE), PBKDF2, Lib.DEFAULT_SALT, 0, 16), run.stdout());
    assertEquals("", run.err());
  }

  @Test
  void deriveFromRawMaterial_usesHkdf_andAcceptsUpperCaseHex() {
    CliRun run = CliRun.of("key", "derive", "--material-hex", RAW.toUpperCase());
    assertEquals(0, run.exitCode(), run::toString);
    assertEquals(Lib.key(Hex.decode(RAW), HKDF, Lib.DEFAULT_SALT, 0, 16), run.stdout());
  }

  @Test
  void deriveWithExplicitKdf_overridesTheDefaultOfTheMaterialKind() {
    assertEquals(Lib.key(Hex.decode(RAW), PBKDF2, Lib.DEFAULT_SALT, 0, 16),
        CliRun.of("key", "derive", "--material-hex", RAW, "--kdf", "pbkdf2").stdout());
    assertEquals(Lib.key(Lib.utf8(PASSPHRASE), HKDF, Lib.DEFAULT_SALT, 0, 16),
        CliRun.of("key", "derive", "--passphrase", PASSPHRASE, "--kdf", "HKDF").stdout());
  }

  @Test
  void deriveAfterRatchets_isTheKeyOfTheRatchetedMaterial() {
    CliRun run = CliRun.of("key", "derive", "--passphrase", PASSPHRASE, "--ratchet", "2");
    assertEquals(Lib.key(Lib.utf8(PASSPHRASE), PBKDF2, Lib.DEFAULT_SALT, 2, 16), run.stdout(), run::toString);
  }

  @Test
  void deriveWithKeySize256_printsThirtyTwoBytes_theNextMaterial() {
    CliRun run = CliRun.of("key", "derive", "--material-hex", RAW, "--key-size", "256");
    assertEquals(64, run.stdout().length(), run::toString);
    // First-block property of LiveKit's KDFs: the AES-256 key equals the next material.
    assertEquals(CliRun.of("key", "ratchet", "--material-hex", RAW).stdout(), run.stdout());
  }

  @Test
  void saltAsTextAndAsHex_giveTheSameKey_andDifferFromTheDefaultSalt() {
    String text = CliRun.of("key", "derive", "--material-hex", RAW, "--salt", "other salt").stdout();
    String hex = CliRun.of("key", "derive", "--material-hex", RAW, "--salt-hex", Hex.encode(Lib.utf8("other salt")))
        .stdout();
    assertEquals(Lib.key(Hex.decode(RAW), HKDF, Lib.utf8("other salt"), 0, 16), text);
    assertEquals(text, hex);
    assertNotEquals(CliRun.of("key", "derive", "--material-hex", RAW).stdout(), text);
  }

  @Test
  void ratchet_defaultsToOneStep() {
    CliRun run = CliRun.of("key", "ratchet", "--passphrase", PASSPHRASE);
    assertEquals(0, run.exitCode(), run::toString);
    assertEquals(Lib.material(Lib.utf8(PASSPHRASE), PBKDF2, Lib.DEFAULT_SALT, 1), run.stdout());
  }

  @Test
  void ratchetSteps_chainTheKdf_withTheChosenKdfAndSalt() {
    assertEquals(Lib.material(Lib.utf8(PASSPHRASE), PBKDF2, Lib.DEFAULT_SALT, 3),
        CliRun.of("key", "ratchet", "--passphrase", PASSPHRASE, "--steps", "3").stdout());
    assertEquals(Lib.material(Hex.decode(RAW), PBKDF2, Lib.utf8("s"), 2),
        CliRun.of("key", "ratchet", "--material-hex", RAW, "--kdf", "pbkdf2", "--salt", "s", "--steps", "2").stdout());
  }

  @Test
  void ratchetZeroSteps_printsTheMaterialItself() {
    assertEquals(Hex.encode(Lib.utf8("ratchet-me")),
        CliRun.of("key", "ratchet", "--passphrase", "ratchet-me", "--steps", "0").stdout());
  }

  @Test
  void aesKeyAfterOneRatchet_isThePrefixOfTheMaterialAfterTwo() {
    String key = CliRun.of("key", "derive", "--passphrase", PASSPHRASE, "--ratchet", "1").stdout();
    String material = CliRun.of("key", "ratchet", "--passphrase", PASSPHRASE, "--steps", "2").stdout();
    assertEquals(material.substring(0, 32), key);
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
    assertTrue(badHex.err().contains("--material-hex") && badHex.err().contains("not hex at position 9"), badHex::toString);
    assertTrue(!badHex.err().contains("deadbeef") && !badHex.err().contains("'X'"), badHex::toString);

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
