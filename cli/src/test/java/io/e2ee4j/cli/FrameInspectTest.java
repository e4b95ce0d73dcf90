package io.e2ee4j.cli;

import static io.e2ee4j.cli.FrameCommandsTest.H264;
import static io.e2ee4j.cli.FrameCommandsTest.H265;
import static io.e2ee4j.cli.FrameCommandsTest.KEY;
import static io.e2ee4j.cli.FrameCommandsTest.OPUS;
import static io.e2ee4j.cli.FrameCommandsTest.VP8_DELTA;
import static io.e2ee4j.cli.FrameCommandsTest.VP8_KEY;
import static io.e2ee4j.cli.FrameCommandsTest.encrypt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code frame inspect}: the frame in words, and with key options whether it decrypts and why not. */
class FrameInspectTest {

  // LiveKit's layout for SSRC 1, RTP timestamp 256, send count 5: 256 - 5 = 0xfb.
  private static final String IV = "0000000100000100000000fb";

  static CliRun inspect(String frame, String... options) {
    return CliRun.of(FrameCommandsTest.args(List.of("frame", "inspect"), FrameCommandsTest.args(List.of(options), frame)));
  }

  @Test
  void opusFrame_showsTheTocByteTrailerAndKeyIndex_withoutKeys() {
    String sealed = encrypt(OPUS, "--codec", "opus", "--key-index", "4", "--insecure-iv-hex", IV).stdout();
    CliRun run = inspect(sealed, "--codec", "opus");
    assertEquals(0, run.exitCode(), run::toString);
    String out = run.out();
    assertTrue(out.contains("clear header: 1 byte 78, the Opus TOC: config 15 (hybrid, fullband, 20 ms), mono, 1 frame"),
        out);
    assertTrue(out.contains("ciphertext: " + (OPUS.length() / 2 - 1 + 16) + " bytes"), out);
    assertTrue(out.contains("IV: " + IV + " (read as LiveKit's layout: SSRC 1, RTP timestamp 256, send count 5"), out);
    assertTrue(out.contains("key index: 4"), out);
    assertTrue(out.contains("decrypts: not tried"), out);
  }

  @Test
  void vp8KeyFrame_showsTheFrameTagAndSize_andWarnsWhenTheFrameTypeDisagrees() {
    String sealed = encrypt(VP8_KEY, "--codec", "vp8", "--keyframe").stdout();
    String asKey = inspect(sealed, "--codec", "vp8", "--keyframe").out();
    assertTrue(asKey.contains("clear header: 10 bytes 1002009d012a8002e001 (VP8 key frame: 10 clear bytes)"), asKey);
    assertTrue(asKey.contains("VP8 frame tag: key frame, version 0, shown, first partition 16 bytes; start code 9d012a;"
        + " 640x480"), asKey);
    assertTrue(!asKey.contains("note:"), asKey);
    String asDelta = inspect(sealed, "--codec", "vp8").out();
    assertTrue(asDelta.contains("the tag says key frame but --keyframe was not given"), asDelta);
  }

  @Test
  void h264Frame_listsTheNalUnitsOfTheClearHeader_andCountsEscapes() {
    String sealed = encrypt(H264, "--codec", "h264", "--keyframe", "--insecure-iv-hex", IV).stdout();
    String out = inspect(sealed, "--codec", "h264", "--keyframe").out();
    assertTrue(out.contains("NAL units (H.264): SPS (7) at 4, PPS (8) at 15, IDR slice (5) at 23, first slice"), out);
    assertTrue(out.contains("clear header: 25 bytes"), out);
    assertTrue(out.matches("(?s).*RBSP-escaped \\([1-9][0-9]* emulation-prevention byte\\(s\\).*"), out);
    assertTrue(out.contains("IV: " + IV), out);
  }

  @Test
  void h265Frame_namesItsNalUnits_andAMismatchedCodecFlag() {
    String sealed = encrypt(H265, "--codec", "h265", "--keyframe").stdout();
    String out = inspect(sealed, "--codec", "h264").out();
    assertTrue(out.contains("NAL units (H.265): VPS (32) at 4, IDR_W_RADL (19) at 14"), out);
    assertTrue(out.contains("the NAL units are H.265 although --codec says H.264"), out);
  }

  @Test
  void withTheRightKey_itSaysItDecrypts_andExitsZero() {
    String sealed = encrypt(VP8_DELTA, "--codec", "vp8").stdout();
    CliRun run = inspect(sealed, "--codec", "vp8", "--passphrase", KEY);
    assertEquals(0, run.exitCode(), run::toString);
    assertTrue(run.out().contains("decrypts: yes, with the key in slot 0 -> " + VP8_DELTA.length() / 2 + " bytes"),
        run::toString);
  }

  @Test
  void withAWrongKey_itSaysWhyNot_andExits3WithTheDropOnStderr() {
    String sealed = encrypt(VP8_DELTA, "--codec", "vp8").stdout();
    CliRun run = inspect(sealed, "--codec", "vp8", "--passphrase", "not the key");
    assertEquals(3, run.exitCode(), run::toString);
    assertTrue(run.out().contains("decrypts: no: ") && run.out().contains("(AUTHENTICATION_FAILED)"), run::toString);
    assertTrue(run.out().contains("hint: a wrong key"), run::toString);
    assertTrue(run.err().startsWith("DROPPED DECRYPTION_FAILED"), run::toString);
  }

  @Test
  void withTheWrongFrameType_itNamesTheTypeUnderWhichTheFrameDecrypts() {
    String sealed = encrypt(VP8_KEY, "--codec", "vp8", "--keyframe").stdout();
    CliRun run = inspect(sealed, "--codec", "vp8", "--passphrase", KEY);
    assertEquals(3, run.exitCode(), run::toString);
    assertTrue(run.out().contains("hint: with this key it decrypts as video vp8, key frame"), run::toString);
  }

  @Test
  void forAnotherKeyIndex_itHintsAtTheIndexTheFrameNames() {
    String sealed = encrypt(OPUS, "--codec", "opus", "--key-index", "3").stdout();
    CliRun run = inspect(sealed, "--codec", "opus", "--passphrase", KEY);
    assertEquals(3, run.exitCode(), run::toString);
    assertTrue(run.out().contains("--key-index 3"), run::toString);
    assertTrue(run.err().startsWith("DROPPED MISSING_KEY"), run::toString);
  }

  @Test
  void sifAndLktsTrailers_areNamed() {
    String opusSilence = "f8fffe" + "00".repeat(77);
    CliRun sif = inspect(opusSilence + "4c4b2d524f434b53", "--codec", "opus");
    assertTrue(sif.out().contains("SIF trailer: ends with 4c4b2d524f434b53 (\"LK-ROCKS\")"), sif::toString);
    assertTrue(sif.out().contains("SIF verdict: the rest is a known blank frame"), sif::toString);

    String sealed = encrypt(VP8_DELTA, "--codec", "vp8").stdout();
    CliRun lkts = inspect(sealed + FrameCommandsTest.LKTS_FRAME_ID_7, "--codec", "vp8", "--passphrase", KEY);
    assertEquals(0, lkts.exitCode(), lkts::toString);
    assertTrue(lkts.out().contains("LKTS trailer: the last 11 bytes are LiveKit frame metadata (frame id 7)"),
        lkts::toString);
    assertTrue(lkts.out().contains("decrypts: yes"), lkts::toString);
  }

  @Test
  void aPlaintextFrame_isRecognisedAsNotEncrypted() {
    String out = inspect(VP8_DELTA, "--codec", "vp8").out();
    assertTrue(out.contains("not a LiveKit gcm frame"), out);
  }

  @Test
  void keyOptionsWithoutMaterial_areAUsageError() {
    CliRun run = inspect(OPUS, "--codec", "opus", "--key-index", "2");
    assertEquals(2, run.exitCode(), run::toString);
    assertTrue(run.err().contains("--passphrase"), run::toString);
  }

  @Test
  void inBatchMode_theDescriptionIsOneLine() {
    String sealed = encrypt(OPUS, "--codec", "opus").stdout();
    CliRun run = CliRun.batch(List.of("frame inspect --codec opus " + sealed,
        "frame inspect --codec opus --passphrase 'not the key' " + sealed));
    List<String> lines = run.outLines();
    assertEquals(2, lines.size(), run::toString);
    assertTrue(lines.get(0).startsWith("OK frame: "), lines.get(0));
    assertTrue(lines.get(0).contains("; key index: 0; decrypts: not tried"), lines.get(0));
    assertTrue(lines.get(1).startsWith("DROPPED DECRYPTION_FAILED authentication failed"), lines.get(1));
    assertTrue(lines.get(1).contains("; frame: "), lines.get(1));
  }
}
