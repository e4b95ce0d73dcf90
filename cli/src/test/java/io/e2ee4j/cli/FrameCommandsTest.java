package io.e2ee4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@code frame encrypt} and {@code frame decrypt} with every option, through the entry point. */
class FrameCommandsTest {

  static final String KEY = "frame test passphrase";
  static final String OPUS = "78" + "0102030405060708090a0b0c0d0e0f10111213141516171819";
  static final String VP8_KEY = "1002009d012a8002e001" + "a1a2a3a4a5a6a7a8a9aaabacadaeaf";
  static final String VP8_DELTA = "310b00" + "b1b2b3b4b5b6b7b8b9babbbcbdbebf";
  static final String VP9 = "8249834200" + "c1c2c3c4c5c6c7c8c9cacbcccdcecf";
  // AUD-free access unit: SPS, PPS, IDR slice, with 4-byte start codes.
  static final String H264 = "00000001" + "6742001faabbcc" + "00000001" + "68ce3880" + "00000001" + "6588"
      + "d1d2d3d4d5d6d7d8d9dadbdcdddedf";
  // VPS (32), then an IDR_W_RADL (19) slice.
  static final String H265 = "00000001" + "40010c01ffff" + "00000001" + "2601" + "e1e2e3e4e5e6e7e8e9eaebecedeeef";
  static final String IV = "0f0e0d0c0b0a090807060504";

  static String[] args(List<String> head, String... tail) {
    return Stream.concat(head.stream(), Stream.of(tail)).toArray(String[]::new);
  }

  static CliRun encrypt(String frame, String... options) {
    return CliRun.of(args(List.of("frame", "encrypt", "--passphrase", KEY, "--ssrc", "1234", "--timestamp", "5678"),
        args(List.of(options), frame)));
  }

  static CliRun decrypt(String frame, String... options) {
    return CliRun.of(args(List.of("frame", "decrypt", "--passphrase", KEY), args(List.of(options), frame)));
  }

  @Test
  void encryptThenDecrypt_roundTrips_forEveryCodecAndFrameType() {
    List<String[]> cases = List.of(
        new String[] {OPUS, "--codec", "opus"},
        new String[] {OPUS, "--kind", "audio"},
        new String[] {VP8_KEY, "--codec", "vp8", "--keyframe"},
        new String[] {VP8_DELTA, "--codec", "vp8"},
        new String[] {VP9, "--codec", "vp9", "--keyframe"},
        new String[] {H264, "--codec", "h264", "--keyframe"},
        new String[] {H265, "--codec", "h265", "--keyframe"},
        new String[] {H264, "--codec", "unknown"},
        new String[] {VP8_DELTA, "--kind", "video"});
    List<String> failures = new ArrayList<>();
    for (String[] c : cases) {
      String[] options = java.util.Arrays.copyOfRange(c, 1, c.length);
      CliRun sealed = encrypt(c[0], options);
      CliRun opened = sealed.exitCode() == 0 ? decrypt(sealed.stdout(), options) : sealed;
      if (opened.exitCode() != 0 || !opened.stdout().equals(c[0])) {
        failures.add(String.join(" ", options) + ": " + opened);
      }
    }
    assertEquals(List.of(), failures);
  }

  @Test
  void encryptWithInsecureIv_writesClearHeaderCiphertextIvLengthAndKeyIndex() {
    CliRun run = encrypt(VP8_KEY, "--codec", "vp8", "--keyframe", "--insecure-iv-hex", IV.toUpperCase());
    assertEquals(0, run.exitCode(), run::toString);
    String out = run.stdout();
    assertTrue(out.startsWith(VP8_KEY.substring(0, 20)), out); // 10 clear bytes
    assertTrue(out.endsWith(IV + "0c00"), out);
    assertEquals(VP8_KEY.length() + 2 * (16 + 12 + 2), out.length());
    assertTrue(run.err().contains("--insecure-iv-hex"), run::toString);
  }

  @Test
  void encryptWithoutFixedIv_drawsAFreshIvEachTime() {
    String first = encrypt(OPUS, "--codec", "opus").stdout();
    String second = encrypt(OPUS, "--codec", "opus").stdout();
    assertNotEquals(first, second);
    assertEquals(OPUS, decrypt(second, "--codec", "opus").stdout());
  }

  @Test
  void h264TailIsRbspEscaped_whenTheIvHoldsStartCodes() {
    CliRun run = encrypt(H264, "--codec", "h264", "--keyframe", "--insecure-iv-hex", "0000000100000100ffff0001");
    assertEquals(0, run.exitCode(), run::toString);
    assertTrue(run.stdout().contains("00000300010000030100ffff"), run.stdout());
    assertEquals(H264, decrypt(run.stdout(), "--codec", "h264", "--keyframe").stdout());
  }

  @Test
  void keyIndex_isWrittenAsItsRingSlot_andNamesTheKeyOnDecrypt() {
    String five = encrypt(OPUS, "--codec", "opus", "--key-index", "5").stdout();
    assertTrue(five.endsWith("0c05"), five);
    String wrapped = encrypt(OPUS, "--codec", "opus", "--key-index", "17", "--key-ring-size", "16").stdout();
    assertTrue(wrapped.endsWith("0c01"), wrapped);
    assertEquals(OPUS, decrypt(wrapped, "--codec", "opus", "--key-index", "1").stdout());
    assertEquals(OPUS, decrypt(five, "--codec", "opus", "--key-index", "5").stdout());
  }

  @Test
  void frameForAnotherKeyIndex_isDroppedAsMissingKey_withExitCode3() {
    String sealed = encrypt(OPUS, "--codec", "opus", "--key-index", "3").stdout();
    CliRun run = decrypt(sealed, "--codec", "opus");
    assertEquals(3, run.exitCode(), run::toString);
    assertEquals("", run.out());
    assertTrue(run.err().startsWith("DROPPED MISSING_KEY missing key at index 3"), run::toString);
  }

  @Test
  void wrongKey_isDroppedAsDecryptionFailed_namingTheLibraryReason() {
    String sealed = encrypt(VP8_DELTA, "--codec", "vp8").stdout();
    CliRun run = CliRun.of("frame", "decrypt", "--passphrase", "another passphrase", "--codec", "vp8", sealed);
    assertEquals(3, run.exitCode(), run::toString);
    assertTrue(run.err().startsWith("DROPPED DECRYPTION_FAILED ") && run.err().contains("(AUTHENTICATION_FAILED)"),
        run::toString);
  }

  @Test
  void keySizeSaltKdfAndRatchet_mustMatchTheSender() {
    String aes256 = encrypt(OPUS, "--codec", "opus", "--key-size", "256").stdout();
    assertEquals(OPUS, decrypt(aes256, "--codec", "opus", "--key-size", "256").stdout());
    assertEquals(3, decrypt(aes256, "--codec", "opus").exitCode());

    String salted = encrypt(OPUS, "--codec", "opus", "--salt", "my salt").stdout();
    assertEquals(OPUS, decrypt(salted, "--codec", "opus", "--salt-hex", "6d792073616c74").stdout());
    assertEquals(3, decrypt(salted, "--codec", "opus").exitCode());

    String hkdf = encrypt(OPUS, "--codec", "opus", "--kdf", "hkdf").stdout();
    assertEquals(OPUS, decrypt(hkdf, "--codec", "opus", "--kdf", "hkdf").stdout());
    assertEquals(3, decrypt(hkdf, "--codec", "opus").exitCode());

    String ratcheted = encrypt(OPUS, "--codec", "opus", "--ratchet", "1").stdout();
    assertEquals(OPUS, decrypt(ratcheted, "--codec", "opus", "--ratchet", "1").stdout());
  }

  @Test
  void rawMaterial_worksLikeAPassphrase() {
    String material = "00112233445566778899aabbccddeeff";
    CliRun sealed = CliRun.of("frame", "encrypt", "--material-hex", material, "--codec", "opus", "--ssrc", "1",
        "--timestamp", "2", OPUS);
    CliRun opened = CliRun.of("frame", "decrypt", "--material-hex", material, "--codec", "opus", sealed.stdout());
    assertEquals(OPUS, opened.stdout(), opened::toString);
  }

  @Test
  void ratchetWindow_findsASenderThatRatchetedAhead_withinTheWindowOnly() {
    String sealed = encrypt(OPUS, "--codec", "opus", "--ratchet", "2").stdout();
    assertEquals(3, decrypt(sealed, "--codec", "opus").exitCode());
    assertEquals(3, decrypt(sealed, "--codec", "opus", "--ratchet-window", "1").exitCode());
    CliRun run = decrypt(sealed, "--codec", "opus", "--ratchet-window", "2");
    assertEquals(0, run.exitCode(), run::toString);
    assertEquals(OPUS, run.stdout());
    assertTrue(run.err().contains("auto-ratchet"), run::toString);
  }

  @Test
  void sifTrailer_passesAKnownBlankFrameUndecrypted_withANote() {
    String opusSilence = "f8fffe" + "00".repeat(77);
    String trailer = "4c4b2d524f434b53";
    // No key is needed for a server-injected frame.
    CliRun run = CliRun.of("frame", "decrypt", "--codec", "opus", "--sif-trailer-hex", trailer, opusSilence + trailer);
    assertEquals(0, run.exitCode(), run::toString);
    assertEquals(opusSilence, run.stdout());
    assertTrue(run.err().contains("server-injected"), run::toString);

    CliRun unknown = decrypt("0102030405" + trailer, "--codec", "opus", "--sif-trailer-hex", trailer);
    assertEquals(3, unknown.exitCode(), unknown::toString);
    assertTrue(unknown.err().startsWith("DROPPED DECRYPTION_FAILED unknown SIF payload"), unknown::toString);
  }

  @Test
  void frameMetadataTrailer_isStrippedOnlyWhenAsked() {
    String sealed = encrypt(VP8_DELTA, "--codec", "vp8").stdout();
    String withLkts = sealed + LKTS_FRAME_ID_7;
    assertEquals(3, decrypt(withLkts, "--codec", "vp8").exitCode());
    CliRun run = decrypt(withLkts, "--codec", "vp8", "--frame-metadata");
    assertEquals(0, run.exitCode(), run::toString);
    assertEquals(VP8_DELTA, run.stdout());
  }

  /** An LKTS trailer holding frame id 7: TLV (2, 4, 00000007), length 11, magic; TLV bytes XOR 0xff. */
  static final String LKTS_FRAME_ID_7 = "fdfbfffffff8" + "f4" + "4c4b5453";

  @Test
  void emptyFrame_isPassedThrough_withExitCode0() {
    CliRun run = encrypt("", "--codec", "opus");
    assertEquals(0, run.exitCode(), run::toString);
    assertEquals("", run.stdout());
    assertTrue(run.err().contains("empty frame"), run::toString);
  }

  @Test
  void av1_cannotBeEncrypted_butDecryptsWithNoClearBytes() {
    CliRun run = encrypt("0a0b0c0d0e0f", "--codec", "av1", "--keyframe");
    assertEquals(3, run.exitCode(), run::toString);
    assertTrue(run.err().startsWith("DROPPED UNSUPPORTED_CODEC "), run::toString);
    String vp9 = encrypt(VP9, "--codec", "vp9").stdout(); // VP9 also keeps no clear bytes
    assertEquals(VP9, decrypt(vp9, "--codec", "av1").stdout());
  }

  @Test
  void ssrcAndTimestamp_takeUnsigned32BitValues_inDecimalOrHex() {
    assertEquals(0, CliRun.of("frame", "encrypt", "--passphrase", KEY, "--codec", "opus", "--ssrc", "4294967295",
        "--timestamp", "0xFFFFFFFF", OPUS).exitCode());
    CliRun tooBig = CliRun.of("frame", "encrypt", "--passphrase", KEY, "--codec", "opus", "--ssrc", "4294967296",
        "--timestamp", "0", OPUS);
    assertEquals(2, tooBig.exitCode());
    assertTrue(tooBig.err().contains("--ssrc"), tooBig::toString);
    CliRun negative = CliRun.of("frame", "encrypt", "--passphrase", KEY, "--codec", "opus", "--ssrc", "1",
        "--timestamp", "-1", OPUS);
    assertTrue(negative.exitCode() == 2 && negative.err().contains("--timestamp"), negative::toString);
  }

  @Test
  void impossibleMixesAndBadValues_areUsageErrorsNamingTheOption() {
    List<String[]> bad = List.of(
        new String[] {"--codec", "--codec", "mp3"},
        new String[] {"--kind audio", "--kind", "audio", "--codec", "vp8"},
        new String[] {"--kind video", "--kind", "video", "--codec", "opus"},
        new String[] {"--keyframe", "--codec", "opus", "--keyframe"},
        new String[] {"--kind", "--kind", "data"},
        new String[] {"--insecure-iv-hex", "--codec", "opus", "--insecure-iv-hex", "00112233445566778899aa"},
        new String[] {"--key-index", "--codec", "opus", "--key-index", "256"},
        new String[] {"--key-ring-size", "--codec", "opus", "--key-ring-size", "0"},
        new String[] {"--ratchet", "--codec", "opus", "--ratchet", "1001"},
        new String[] {"--key-size", "--codec", "opus", "--key-size", "512"});
    List<String> failures = new ArrayList<>();
    for (String[] b : bad) {
      CliRun run = encrypt(OPUS, java.util.Arrays.copyOfRange(b, 1, b.length));
      if (run.exitCode() != 2 || !run.err().contains(b[0]) || run.err().contains("Exception")) {
        failures.add(b[0] + ": " + run);
      }
    }
    assertEquals(List.of(), failures);
  }

  @Test
  void badFrameHex_missingFrame_andMissingSsrc_areUsageErrors() {
    CliRun badHex = decrypt("78zz", "--codec", "opus");
    assertTrue(badHex.exitCode() == 2 && badHex.err().contains("FRAMEHEX"), badHex::toString);
    CliRun noFrame = CliRun.of("frame", "decrypt", "--passphrase", KEY);
    assertTrue(noFrame.exitCode() == 2 && noFrame.err().contains("FRAMEHEX"), noFrame::toString);
    CliRun noSsrc = CliRun.of("frame", "encrypt", "--passphrase", KEY, "--timestamp", "1", OPUS);
    assertTrue(noSsrc.exitCode() == 2 && noSsrc.err().contains("--ssrc"), noSsrc::toString);
    CliRun window = decrypt(OPUS, "--ratchet-window", "256");
    assertTrue(window.exitCode() == 2 && window.err().contains("--ratchet-window"), window::toString);
    CliRun indexOnly = CliRun.of("frame", "decrypt", "--key-index", "2", "--codec", "opus", OPUS);
    assertTrue(indexOnly.exitCode() == 2 && indexOnly.err().contains("--passphrase"), indexOnly::toString);
  }

  @Test
  void withoutKeyOptions_framesThatNeedAKeyAreDroppedAsMissingKey() {
    String sealed = encrypt(OPUS, "--codec", "opus").stdout();
    CliRun decrypt = CliRun.of("frame", "decrypt", "--codec", "opus", sealed);
    assertEquals(3, decrypt.exitCode(), decrypt::toString);
    assertTrue(decrypt.err().startsWith("DROPPED MISSING_KEY ") && decrypt.err().contains("at index 0")
        && decrypt.err().contains("no key given (--passphrase or --material-hex)"), decrypt::toString);
    CliRun encrypt = CliRun.of("frame", "encrypt", "--codec", "opus", "--ssrc", "1", "--timestamp", "1", OPUS);
    assertEquals(3, encrypt.exitCode(), encrypt::toString);
    assertTrue(encrypt.err().startsWith("DROPPED MISSING_KEY"), encrypt::toString);
  }

  @Test
  void plaintextGivenToDecrypt_isDropped_neverPrinted() {
    CliRun run = decrypt(VP8_DELTA, "--codec", "vp8");
    assertEquals(3, run.exitCode(), run::toString);
    assertEquals("", run.out());
    assertTrue(run.err().startsWith("DROPPED DECRYPTION_FAILED"), run::toString);
  }
}
