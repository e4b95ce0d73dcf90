package io.e2ee4j.cli;

import io.e2ee4j.api.KeyProviderOptions;
import io.e2ee4j.api.ParticipantId;
import io.e2ee4j.api.data.DataFailureReason;
import io.e2ee4j.api.data.DataPacketCryptor;
import io.e2ee4j.api.data.DataPacketResult;
import io.e2ee4j.core.DefaultKeyProvider;
import io.e2ee4j.transport.datachannel.LiveKitDataPacketCryptor;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code data encrypt} and {@code data decrypt}: LiveKit DataPackets with EncryptedPacket values. */
final class DataCommands {

  private DataCommands() {}

  @Command(name = "data", description = "Encrypt, decrypt and inspect LiveKit DataPackets (data-channel messages).")
  static final class Group {
    @Mixin
    HelpOption help;
  }

  @Command(name = "encrypt", sortOptions = false,
      description = {
        "Encrypts one DataPacket (protobuf wire bytes, hex) as a LiveKit sender would and prints it with",
        "its value replaced by an EncryptedPacket. Values that travel in clear come back unchanged."
      })
  static final class Encrypt implements CliAction {
    @Mixin
    KeyOptions keys = new KeyOptions();

    @Option(names = "--insecure-iv-hex", paramLabel = "HEX",
        description = "INSECURE, for tests against other implementations only: use this 12-byte IV instead of"
            + " a fresh one. Reusing an IV under a key breaks AES-GCM.")
    HexBytes insecureIv;

    @Parameters(index = "0", paramLabel = "DATAPACKETHEX", description = "The DataPacket, in hex.")
    HexBytes packetHex;

    @Mixin
    HelpOption help;

    @Override
    public Outcome run() {
      int ivLength = Ciphers.gcm().ivLengthBytes();
      if (insecureIv != null && insecureIv.length() != ivLength) {
        throw new UsageException("--insecure-iv-hex must be " + ivLength + " bytes (the gcm IV length), was "
            + insecureIv.length());
      }
      KeyOptions.Keys k = keys.keys(KeyProviderOptions.builder());
      try (DefaultKeyProvider provider = k.provider()) {
        DataPacketCryptor cryptor = new LiveKitDataPacketCryptor(provider, Ciphers.gcm(), FrameCommands.LOCAL);
        ByteBuffer in = ByteBuffer.wrap(packetHex.bytes());
        DataPacketResult result = insecureIv == null ? cryptor.encrypt(in)
            : cryptor.insecureEncryptWithFixedIv(in, insecureIv.bytes());
        switch (result.status()) {
          case ENCRYPTED:
            Outcome ok = Outcome.ok(HexBytes.format(result.packetBytes()));
            return insecureIv == null ? ok : ok.withNote(FrameCommands.INSECURE_IV_NOTE);
          case CLEAR:
            return Outcome.ok(HexBytes.format(result.packetBytes()))
                .withNote(clearNote(result, "sent in clear"));
          default:
            return Drops.data(result.failureOrNull(), describe(result));
        }
      }
    }
  }

  @Command(name = "decrypt", sortOptions = false,
      description = {
        "Decrypts one received DataPacket (hex) as a LiveKit receiver would and prints the rebuilt",
        "DataPacket, or with --payload the decrypted EncryptedPacketPayload. Exit code 3 with",
        "DROPPED <REASON> <detail> on standard error if it does not decrypt."
      })
  static final class Decrypt implements CliAction {
    @Mixin
    KeyOptions keys = new KeyOptions();

    @Option(names = "--payload", description = "Print the decrypted EncryptedPacketPayload bytes instead of the"
        + " rebuilt DataPacket.")
    boolean payload;

    @Parameters(index = "0", paramLabel = "DATAPACKETHEX", description = "The received DataPacket, in hex.")
    HexBytes packetHex;

    @Mixin
    HelpOption help;

    @Override
    public Outcome run() {
      KeyOptions.Keys k = keys.keys(KeyProviderOptions.builder());
      try (DefaultKeyProvider provider = k.provider()) {
        DataPacketCryptor cryptor = new LiveKitDataPacketCryptor(provider, Ciphers.gcm(), FrameCommands.LOCAL);
        DataPacketResult result = cryptor.decrypt(packetHex.bytes());
        switch (result.status()) {
          case DECRYPTED:
            return Outcome.ok(HexBytes.format(payload ? result.payloadBytesOrNull() : result.packetBytes()));
          case CLEAR:
            if (payload) {
              return Drops.data(DataFailureReason.PLAINTEXT_NOT_ALLOWED,
                  "the packet is not encrypted (" + valueName(result) + "): it has no EncryptedPacketPayload");
            }
            return Outcome.ok(HexBytes.format(result.packetBytes()))
                .withNote(clearNote(result, "not encrypted"));
          default:
            String describe = describe(result);
            if (result.failureOrNull() == DataFailureReason.MISSING_KEY) {
              describe += k.missingKeyDetail();
            }
            return Drops.data(result.failureOrNull(), describe);
        }
      }
    }
  }

  @Command(name = "inspect", sortOptions = false,
      description = {
        "Describes a DataPacket in words: its outer fields, its value case and, for an EncryptedPacket,",
        "the encryption type, key index, IV and lengths; with key options, whether it decrypts and why",
        "not (then exit code 3). Never prints the value's bytes."
      })
  static final class Inspect implements CliAction {
    @Mixin
    KeyOptions keys = new KeyOptions();

    @Parameters(index = "0", paramLabel = "DATAPACKETHEX", description = "The DataPacket, in hex.")
    HexBytes packetHex;

    @Mixin
    HelpOption help;

    @Override
    public Outcome run() {
      if (keys.anyGiven() && !keys.material.materialGiven()) {
        throw new UsageException("key options need key material: give --passphrase TEXT or --material-hex HEX");
      }
      List<String> lines = new ArrayList<>(PacketAnatomy.describe(packetHex.bytes()));
      if (!keys.material.materialGiven()) {
        lines.add("decrypts: not tried (give key options to try)");
        return Outcome.ok(lines);
      }
      KeyOptions.Keys k = keys.keys(KeyProviderOptions.builder());
      try (DefaultKeyProvider provider = k.provider()) {
        DataPacketCryptor cryptor = new LiveKitDataPacketCryptor(provider, Ciphers.gcm(), FrameCommands.LOCAL);
        DataPacketResult result = cryptor.decrypt(packetHex.bytes());
        switch (result.status()) {
          case DECRYPTED:
            lines.add("decrypts: yes, with the key in slot " + result.keyIndex() + " -> " + valueName(result) + ", "
                + result.payloadBytesOrNull().length + "-byte EncryptedPacketPayload");
            return Outcome.ok(lines);
          case CLEAR:
            lines.add("decrypts: not needed: not encrypted");
            return Outcome.ok(lines);
          default:
            lines.add("decrypts: no: " + describe(result) + " (" + result.failureOrNull().name() + ")");
            String describe = describe(result);
            if (result.failureOrNull() == DataFailureReason.MISSING_KEY) {
              describe += k.missingKeyDetail();
            }
            return Drops.data(result.failureOrNull(), describe).withLines(lines);
        }
      }
    }
  }

  /**
   * The result in words, as {@link DataPacketResult#describe()} words it, but with the sender's
   * identity and the detail escaped ({@link PeerText#escape}): the packet names the identity, so a
   * peer chose it. Built here from the fields so the printed text never depends on how the
   * library's describe() treats them.
   */
  static String describe(DataPacketResult result) {
    StringBuilder sb = new StringBuilder();
    if (result.status() == DataPacketResult.Status.FAILED) {
      sb.append(result.failureOrNull().description());
    } else {
      sb.append(result.status().name().toLowerCase(Locale.ROOT)).append(' ')
          .append(result.valueCaseOrNull() == null ? "none" : result.valueCaseOrNull().name().toLowerCase(Locale.ROOT));
    }
    ParticipantId participant = result.participantOrNull();
    sb.append(" (participant ").append(participant == null ? "unknown" : PeerText.escape(participant.value()));
    if (result.keyIndex() >= 0) {
      sb.append(", key index ").append(result.keyIndex());
    }
    sb.append(')');
    String detail = result.detail();
    if (detail != null && !detail.isEmpty()) {
      sb.append(": ").append(PeerText.escape(detail));
    }
    return sb.toString();
  }

  private static String valueName(DataPacketResult result) {
    return result.valueCaseOrNull() == null ? "no value"
        : "value " + result.valueCaseOrNull().name().toLowerCase(Locale.ROOT);
  }

  private static String clearNote(DataPacketResult result, String what) {
    return "the packet's " + valueName(result) + " is " + what + ": printed unchanged";
  }
}
