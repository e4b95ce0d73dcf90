package io.e2ee4j.cli;

import io.e2ee4j.api.E2eeState;
import io.e2ee4j.api.E2eeStateEvent.Direction;
import io.e2ee4j.api.KeyProviderOptions;
import io.e2ee4j.api.ParticipantId;
import io.e2ee4j.api.media.EncodedFrame;
import io.e2ee4j.api.media.FrameCryptor;
import io.e2ee4j.api.media.FrameCryptorConfig;
import io.e2ee4j.api.media.FrameDropReason;
import io.e2ee4j.api.media.FrameResult;
import io.e2ee4j.api.media.InsecureIvSource;
import io.e2ee4j.api.media.MediaKind;
import io.e2ee4j.api.media.PassThroughReason;
import io.e2ee4j.core.DefaultKeyProvider;
import io.e2ee4j.transport.webrtc.LiveKitFrameCryptorFactory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code frame encrypt}, {@code frame decrypt} and {@code frame inspect}: LiveKit media frames. */
final class FrameCommands {

  static final ParticipantId LOCAL = ParticipantId.of("local");
  static final ParticipantId REMOTE = ParticipantId.of("remote");
  private static final String TRACK = "cli";
  static final String INSECURE_IV_NOTE = "encrypted with the fixed IV of --insecure-iv-hex: for tests only,"
      + " never reuse an IV under a key";

  private FrameCommands() {}

  @Command(name = "frame", description = "Encrypt, decrypt and inspect encoded media frames in LiveKit's E2EE layout.")
  static final class Group {
    @Mixin
    HelpOption help;
  }

  @Command(name = "encrypt", sortOptions = false,
      description = {
        "Encrypts one encoded frame (hex) as a LiveKit sender would and prints it:",
        "clear header || AES-GCM ciphertext || IV || 0x0c || key index."
      })
  static final class Encrypt implements CliAction {
    @Mixin
    KeyOptions keys = new KeyOptions();

    @Mixin
    FrameOptions frame = new FrameOptions();

    @Option(names = "--ssrc", paramLabel = "N", required = true,
        description = "RTP SSRC of the frame, unsigned 32-bit (decimal or 0x-hex).")
    String ssrc;

    @Option(names = "--timestamp", paramLabel = "N", required = true,
        description = "RTP timestamp of the frame, unsigned 32-bit (decimal or 0x-hex).")
    String timestamp;

    @Option(names = "--insecure-iv-hex", paramLabel = "HEX",
        description = "INSECURE, for tests against other implementations only: use this 12-byte IV instead of"
            + " a fresh one. Reusing an IV under a key breaks AES-GCM.")
    HexBytes insecureIv;

    @Parameters(index = "0", paramLabel = "FRAMEHEX", description = "The encoded frame, in hex.")
    HexBytes frameHex;

    @Mixin
    HelpOption help;

    @Override
    public Outcome run() {
      FrameOptions.Frame f = frame.resolve();
      int ssrcValue = Checks.uint32("--ssrc", ssrc);
      int rtpTimestamp = Checks.uint32("--timestamp", timestamp);
      int ivLength = Ciphers.gcm().ivLengthBytes();
      if (insecureIv != null && insecureIv.length() != ivLength) {
        throw new UsageException("--insecure-iv-hex must be " + ivLength + " bytes (the gcm IV length), was "
            + insecureIv.length());
      }
      KeyOptions.Keys k = keys.keys(KeyProviderOptions.builder());
      try (DefaultKeyProvider provider = k.provider();
          FrameCryptor cryptor = cryptor(Direction.ENCRYPT, LOCAL, k, f, false,
              insecureIv == null ? null : InsecureIvSource.insecureFixedIv(insecureIv.bytes()))) {
        EncodedFrame encoded = new EncodedFrame(ByteBuffer.wrap(frameHex.bytes()), f.kind(), f.mimeTypeOrNull(),
            f.keyFrame(), ssrcValue, rtpTimestamp, LOCAL, null);
        FrameResult result = cryptor.process(encoded);
        if (result.status() == FrameResult.Status.ENCRYPTED) {
          Outcome ok = Outcome.ok(hex(result));
          return insecureIv == null ? ok : ok.withNote(INSECURE_IV_NOTE);
        }
        if (result.status() == FrameResult.Status.PASSED_THROUGH) {
          return Outcome.ok(hex(result)).withNote(passThroughNote(result.passThroughReasonOrNull()));
        }
        String describe = result.describe();
        if (result.dropReasonOrNull() == FrameDropReason.MISSING_KEY) {
          describe += k.missingKeyDetail();
        }
        return Drops.frame(result.dropReasonOrNull(), describe);
      }
    }
  }

  @Command(name = "decrypt", sortOptions = false,
      description = {
        "Decrypts one received frame (hex) as a LiveKit receiver would and prints the plaintext frame",
        "(for a server-injected blank frame: the blank payload, with a note on standard error).",
        "Exit code 3 with DROPPED <REASON> <detail> on standard error if it does not decrypt."
      })
  static final class Decrypt implements CliAction {
    @Mixin
    KeyOptions keys = new KeyOptions();

    @Mixin
    FrameOptions frame = new FrameOptions();

    @Option(names = "--ratchet-window", paramLabel = "N", defaultValue = "0",
        description = "On failure, also try up to N successive ratchets of the key (0.."
            + KeyProviderOptions.MAX_RATCHET_WINDOW_SIZE + "). Default: ${DEFAULT-VALUE}.")
    int ratchetWindow;

    @Option(names = "--sif-trailer-hex", paramLabel = "HEX",
        description = "The SFU's server-injected-frame trailer; frames ending with it are checked against the"
            + " known blank frames instead of decrypted.")
    HexBytes sifTrailer;

    @Option(names = "--frame-metadata",
        description = "The track carries LiveKit's LKTS frame-metadata trailer: strip it before decrypting"
            + " (video only, as LiveKit).")
    boolean frameMetadata;

    @Parameters(index = "0", paramLabel = "FRAMEHEX", description = "The received frame, in hex.")
    HexBytes frameHex;

    @Mixin
    HelpOption help;

    @Override
    public Outcome run() {
      FrameOptions.Frame f = frame.resolve();
      int window = Checks.range("--ratchet-window", ratchetWindow, 0, KeyProviderOptions.MAX_RATCHET_WINDOW_SIZE);
      KeyOptions.Keys k = keys.keys(KeyProviderOptions.builder().ratchetWindowSize(window)
          .sifTrailer(sifTrailer == null ? new byte[0] : sifTrailer.bytes()));
      try (DefaultKeyProvider provider = k.provider()) {
        return decrypt(k, f, frameMetadata, frameHex.bytes()).outcome();
      }
    }
  }

  /** What one decryption attempt gave. */
  record Attempt(FrameResult result, Outcome outcome, E2eeState state, String stateReason) {}

  /** Decrypts {@code bytes} with the key in {@code k}, as {@code frame decrypt} does. */
  static Attempt decrypt(KeyOptions.Keys k, FrameOptions.Frame f, boolean frameMetadata, byte[] bytes) {
    try (FrameCryptor cryptor = cryptor(Direction.DECRYPT, REMOTE, k, f, frameMetadata, null)) {
      EncodedFrame encoded = new EncodedFrame(ByteBuffer.wrap(bytes), f.kind(), f.mimeTypeOrNull(), f.keyFrame(),
          0, 0, REMOTE, null);
      FrameResult result = cryptor.process(encoded);
      Outcome outcome;
      switch (result.status()) {
        case DECRYPTED:
          outcome = Outcome.ok(hex(result));
          if (cryptor.state() == E2eeState.KEY_RATCHETED) {
            outcome = outcome.withNote("decrypted after an auto-ratchet: " + cryptor.stateReason());
          }
          break;
        case PASSED_THROUGH:
          outcome = Outcome.ok(hex(result)).withNote(passThroughNote(result.passThroughReasonOrNull()));
          break;
        default:
          String describe = result.describe();
          if (result.dropReasonOrNull() == FrameDropReason.MISSING_KEY) {
            describe += k.missingKeyDetail();
          }
          outcome = Drops.frame(result.dropReasonOrNull(), describe);
          break;
      }
      return new Attempt(result, outcome, cryptor.state(), cryptor.stateReason());
    }
  }

  @Command(name = "inspect", sortOptions = false,
      description = {
        "Describes a frame in words: the clear header and what it holds (NAL units, VP8 or Opus header),",
        "the key index, IV and ciphertext length, SIF and LKTS trailers; with key options, whether it",
        "decrypts and why not (then exit code 3)."
      })
  static final class Inspect implements CliAction {
    @Mixin
    FrameOptions frame = new FrameOptions();

    @Mixin
    KeyOptions keys = new KeyOptions();

    @Option(names = "--ratchet-window", paramLabel = "N", defaultValue = "0",
        description = "With key options: also try up to N successive ratchets of the key. Default: ${DEFAULT-VALUE}.")
    int ratchetWindow;

    @Option(names = "--sif-trailer-hex", paramLabel = "HEX",
        description = "The SFU's server-injected-frame trailer. Default: look for LK-ROCKS.")
    HexBytes sifTrailer;

    @Parameters(index = "0", paramLabel = "FRAMEHEX", description = "The frame, in hex.")
    HexBytes frameHex;

    @Mixin
    HelpOption help;

    @Override
    public Outcome run() {
      FrameOptions.Frame f = frame.resolve();
      int window = Checks.range("--ratchet-window", ratchetWindow, 0, KeyProviderOptions.MAX_RATCHET_WINDOW_SIZE);
      if (keys.anyGiven() && !keys.material.materialGiven()) {
        throw new UsageException("key options need key material: give --passphrase TEXT or --material-hex HEX");
      }
      byte[] sif = sifTrailer != null ? sifTrailer.bytes() : FrameAnatomy.DEFAULT_SIF_TRAILER;
      FrameAnatomy anatomy = FrameAnatomy.of(frameHex.bytes(), f, sif, sifTrailer != null);
      List<String> lines = new ArrayList<>(anatomy.lines());
      if (anatomy.sifFrame()) {
        lines.add(sifVerdict(f, sif, anatomy.hasMetadataTrailer(), frameHex.bytes()));
      }
      if (!keys.material.materialGiven()) {
        lines.add("decrypts: not tried (give key options to try)");
        return Outcome.ok(lines);
      }
      KeyOptions.Keys k = keys.keys(KeyProviderOptions.builder().ratchetWindowSize(window).sifTrailer(sif));
      try (DefaultKeyProvider provider = k.provider()) {
        Attempt attempt = decrypt(k, f, anatomy.hasMetadataTrailer(), frameHex.bytes());
        FrameResult r = attempt.result();
        if (r.status() == FrameResult.Status.DECRYPTED) {
          lines.add("decrypts: yes, with the key in slot " + r.keyIndex() + " -> " + r.length() + " bytes"
              + (attempt.state() == E2eeState.KEY_RATCHETED ? " (after an auto-ratchet: " + attempt.stateReason() + ")"
                  : ""));
          return Outcome.ok(lines);
        }
        if (r.status() == FrameResult.Status.PASSED_THROUGH) {
          lines.add("decrypts: not needed: " + passThroughNote(r.passThroughReasonOrNull()));
          return Outcome.ok(lines);
        }
        lines.add("decrypts: no: " + r.describe() + " (" + r.dropReasonOrNull().name() + ")");
        lines.addAll(anatomy.hintsFor(r.dropReasonOrNull(), k.slot()));
        FrameDropReason reason = r.dropReasonOrNull();
        if (reason == FrameDropReason.AUTHENTICATION_FAILED || reason == FrameDropReason.MALFORMED_TRAILER) {
          FrameOptions.Frame other = otherFrameTypeThatDecrypts(k, f, anatomy.hasMetadataTrailer(), frameHex.bytes());
          if (other != null) {
            lines.add("hint: with this key it decrypts as " + other.describe() + ": the sender's codec or frame type"
                + " differs from the one given");
          }
        }
        return attempt.outcome().withLines(lines);
      }
    }

    /** The first other kind, codec and frame type under which the frame decrypts with this key, or null. */
    private static FrameOptions.Frame otherFrameTypeThatDecrypts(KeyOptions.Keys k, FrameOptions.Frame given,
        boolean frameMetadata, byte[] bytes) {
      List<FrameOptions.Frame> candidates = List.of(
          new FrameOptions.Frame(MediaKind.AUDIO, FrameOptions.Codec.OPUS, false),
          new FrameOptions.Frame(MediaKind.VIDEO, FrameOptions.Codec.VP8, true),
          new FrameOptions.Frame(MediaKind.VIDEO, FrameOptions.Codec.VP8, false),
          new FrameOptions.Frame(MediaKind.VIDEO, FrameOptions.Codec.VP9, false),
          new FrameOptions.Frame(MediaKind.VIDEO, FrameOptions.Codec.H264, true),
          new FrameOptions.Frame(MediaKind.VIDEO, FrameOptions.Codec.H264, false),
          new FrameOptions.Frame(MediaKind.VIDEO, FrameOptions.Codec.H265, true),
          new FrameOptions.Frame(MediaKind.VIDEO, FrameOptions.Codec.H265, false));
      for (FrameOptions.Frame candidate : candidates) {
        if (candidate.equals(given)) {
          continue;
        }
        if (decrypt(k, candidate, frameMetadata, bytes).result().status() == FrameResult.Status.DECRYPTED) {
          return candidate;
        }
      }
      return null;
    }

    /** The library's verdict on a frame that carries the SIF trailer: no key is needed for it. */
    private static String sifVerdict(FrameOptions.Frame f, byte[] sif, boolean frameMetadata, byte[] bytes) {
      KeyProviderOptions options = KeyProviderOptions.builder().sharedKey(true).sifTrailer(sif).build();
      try (DefaultKeyProvider empty = KeyOptions.newProvider(options)) {
        FrameResult r = decrypt(new KeyOptions.Keys(empty, options, 0), f, frameMetadata, bytes).result();
        if (r.status() == FrameResult.Status.PASSED_THROUGH) {
          return "SIF verdict: the rest is a known blank frame; a receiver passes its " + r.length()
              + " bytes on undecrypted";
        }
        return "SIF verdict: " + r.describe() + " (" + r.dropReasonOrNull().name()
            + "); a receiver drops it";
      }
    }
  }

  static FrameCryptor cryptor(Direction direction, ParticipantId who, KeyOptions.Keys k, FrameOptions.Frame f,
      boolean frameMetadata, InsecureIvSource iv) {
    FrameCryptorConfig.Builder config = FrameCryptorConfig.builder(who, TRACK, direction,
            k.provider().keyHandler(who), Ciphers.gcm())
        .options(k.options())
        .codecMimeType(f.mimeTypeOrNull())
        .frameMetadataTrailer(frameMetadata);
    if (iv != null) {
      config.insecureIvSourceForTesting(iv);
    }
    return new LiveKitFrameCryptorFactory().create(config.build());
  }

  static String hex(FrameResult result) {
    ByteBuffer out = result.output();
    byte[] bytes = new byte[out.remaining()];
    out.get(bytes);
    return HexBytes.format(bytes);
  }

  static String passThroughNote(PassThroughReason reason) {
    if (reason == null) {
      return "passed through";
    }
    switch (reason) {
      case EMPTY_FRAME:
        return "empty frame: passed through unencrypted, as every LiveKit SDK does";
      case SERVER_INJECTED_FRAME:
        return "server-injected blank frame: SIF trailer stripped, the blank payload passed through undecrypted";
      default:
        return "passed through: " + reason;
    }
  }
}
