package io.e2ee4j.fuzz;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Writes the seed corpus: valid encrypted frames and packets made with the fuzz keys (fresh IVs on
 * every run, the same plaintexts), the SFU's blank frames behind the SIF trailer, and command lines
 * built from those. {@code run-fuzz.sh seeds} runs it; the fuzzer starts from these, and the
 * committed corpus is these plus what fuzzing found, minimised. Files are named {@code seed-<sha1>}.
 *
 * <p>Usage: {@code SeedCorpus <dir>} where {@code dir} receives {@code <TestClass>Inputs/<method>/}.
 */
final class SeedCorpus {

  private static final HexFormat HEX = HexFormat.of();

  private SeedCorpus() {}

  public static void main(String[] args) throws IOException {
    Path root = Path.of(args[0]);
    for (FrameCodec codec : FrameCodec.values()) {
      write(root, "FrameDecryptFuzzTest", codec.name().toLowerCase(java.util.Locale.ROOT),
          SealedSeeds.frameInputs(codec, false));
    }
    write(root, "FrameTrailerFuzzTest", "serverInjectedFrames", sifInputs());
    write(root, "FrameTrailerFuzzTest", "metadataTrailer", metadataInputs());
    write(root, "DataPacketFuzzTest", "sharedKey", wires(true));
    write(root, "DataPacketFuzzTest", "perParticipantKeys", wires(false));
    write(root, "CliFuzzTest", "arguments", utf8(commandLines("\n")));
    write(root, "CliFuzzTest", "batchLines", utf8(batches()));
  }

  /** Blank frames the SFU injects, with the SIF trailer, as several codecs; and genuine frames. */
  static List<byte[]> sifInputs() {
    String[][] blanks = {
      {"VP8", "1002009d012a080008000047088585888584880202000c0d6000feffab5080"},
      {"H264", "000000016742c01f0fd91f888884000003000400000300c83c60c920000000016887cb83cb200000000165888"
          + "40af2628000a7be"},
      {"H264", "6588840af2628000a7be"},
      {"OPUS", "f8fffe" + "00".repeat(77)},
      {"OPUS", "ff".repeat(160)},
    };
    List<byte[]> inputs = new ArrayList<>();
    for (String[] blank : blanks) {
      FrameCodec codec = FrameCodec.valueOf(blank[0]);
      byte[] frame = concat(HEX.parseHex(blank[1]), FuzzRoom.SIF_TRAILER);
      inputs.add(FrameTrailerFuzzTest.withCodec(FrameCodec.input(codec == FrameCodec.VP8,
          java.nio.ByteBuffer.wrap(frame)), codec));
    }
    for (FrameCodec codec : List.of(FrameCodec.OPUS, FrameCodec.VP8)) {
      for (byte[] input : SealedSeeds.frameInputs(codec, false).subList(0, 2)) {
        inputs.add(FrameTrailerFuzzTest.withCodec(input, codec));
      }
    }
    return inputs;
  }

  /** Genuine video frames carrying an {@code LKTS} trailer. */
  static List<byte[]> metadataInputs() {
    List<byte[]> inputs = new ArrayList<>();
    for (FrameCodec codec : List.of(FrameCodec.VP8, FrameCodec.VP9, FrameCodec.H264, FrameCodec.H265)) {
      for (byte[] input : SealedSeeds.frameInputs(codec, true)) {
        inputs.add(FrameTrailerFuzzTest.withCodec(input, codec));
      }
    }
    return inputs;
  }

  static List<byte[]> wires(boolean sharedKey) {
    List<byte[]> wires = new ArrayList<>(DataPacketFuzzTest.clearPackets().subList(0, 1));
    for (DataPacketFuzzTest.Sealed s : DataPacketFuzzTest.seeds(sharedKey)) {
      wires.add(s.wire());
    }
    return wires;
  }

  /** Command lines for the CLI, words joined by {@code sep}: every command, valid and not. */
  static List<String> commandLines(String sep) {
    String key = "--material-hex" + sep + HEX.formatHex(FuzzRoom.material(0).copyBytes());
    byte[] vp8 = SealedSeeds.frameInputs(FrameCodec.VP8, false).get(0);
    byte[] h264 = SealedSeeds.frameInputs(FrameCodec.H264, false).get(1);
    byte[] opus = SealedSeeds.frameInputs(FrameCodec.OPUS, false).get(0);
    byte[] packet = DataPacketFuzzTest.seeds(true).get(1).wire();
    List<String> lines = new ArrayList<>();
    lines.add(String.join(sep, "frame", "decrypt", "--codec", "vp8", "--keyframe", key, hex1(vp8)));
    lines.add(String.join(sep, "frame", "inspect", "--codec", "vp8", key, hex1(vp8)));
    lines.add(String.join(sep, "frame", "inspect", "--codec", "h264", key, "--ratchet-window", "1", hex1(h264)));
    lines.add(String.join(sep, "frame", "decrypt", "--codec", "opus", key, "--frame-metadata", hex1(opus)));
    lines.add(String.join(sep, "frame", "decrypt", "--kind", "video", key, "--sif-trailer-hex",
        HEX.formatHex(FuzzRoom.SIF_TRAILER), "310500aa" + HEX.formatHex(FuzzRoom.SIF_TRAILER)));
    lines.add(String.join(sep, "frame", "encrypt", "--codec", "h265", key, "--ssrc", "0x1234", "--timestamp",
        "4294967295", "--insecure-iv-hex", "00112233445566778899aabb", "000000012601af0c00000300"));
    lines.add(String.join(sep, "data", "decrypt", key, "--key-index", "0", "--payload", HEX.formatHex(packet)));
    lines.add(String.join(sep, "data", "inspect", HEX.formatHex(packet)));
    lines.add(String.join(sep, "data", "encrypt", key, "--key-size", "256", "--key-ring-size", "2",
        HEX.formatHex(DataPacketFuzzTest.clearPackets().get(0))));
    lines.add(String.join(sep, "key", "derive", "--material-hex", "0011223344556677", "--kdf", "pbkdf2",
        "--salt-hex", "4c4b"));
    lines.add(String.join(sep, "key", "ratchet", "--passphrase", "room passphrase", "--steps", "1", "--salt", "s"));
    lines.add(String.join(sep, "key", "derive", "--material-hex", "0g"));
    lines.add(String.join(sep, "frame", "--help"));
    lines.add(String.join(sep, "help", "data"));
    lines.add("--version");
    return lines;
  }

  /** Batches: the command lines shell-quoted, with comments, blank lines and CRLF. */
  static List<String> batches() {
    List<String> lines = commandLines(" ");
    List<String> batches = new ArrayList<>();
    for (int i = 0; i < lines.size(); i += 3) {
      batches.add(String.join("\n", lines.subList(i, Math.min(lines.size(), i + 3))) + "\n");
    }
    batches.add("# a comment\n\r\nkey derive --passphrase 'it''s \"quoted\"' --key-size 256\r\n");
    batches.add("frame inspect --codec vp9 'not hex'\n-\n");
    return batches;
  }

  /** The frame of a frame-target input (without its flags byte), in hex. */
  private static String hex1(byte[] input) {
    return HEX.formatHex(input, 1, input.length);
  }

  private static List<byte[]> utf8(List<String> texts) {
    return texts.stream().map(t -> t.getBytes(StandardCharsets.UTF_8)).toList();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  private static void write(Path root, String testClass, String method, List<byte[]> inputs) throws IOException {
    Path dir = root.resolve(testClass + "Inputs").resolve(method);
    Files.createDirectories(dir);
    for (byte[] input : inputs) {
      Files.write(dir.resolve("seed-" + sha1(input)), input);
    }
    System.out.println(dir + ": " + inputs.size() + " seeds");
  }

  private static String sha1(byte[] b) {
    try {
      return HEX.formatHex(MessageDigest.getInstance("SHA-1").digest(b));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
