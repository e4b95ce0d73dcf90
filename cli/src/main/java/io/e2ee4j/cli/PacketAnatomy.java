package io.e2ee4j.cli;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import io.e2ee4j.api.data.DataValueCase;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A DataPacket described in words for {@code data inspect} (spec section 5.1): its outer fields,
 * its value case, and for an {@code EncryptedPacket} the encryption type, key index, IV and
 * encrypted length. Reads the wire with protobuf's generic reader; never shows value bytes. The
 * identity and sid, which the sender chose, are shown escaped ({@link PeerText#escape}).
 */
final class PacketAnatomy {

  private static final int TAG_LENGTH = 16;

  private PacketAnatomy() {}

  /** The description, or a single line saying the bytes are not a DataPacket. */
  static List<String> describe(byte[] wire) {
    List<String> lines = new ArrayList<>();
    String kind = "reliable";
    String identity = "";
    String sid = "";
    long sequence = 0;
    int destinations = 0;
    DataValueCase value = DataValueCase.NONE;
    byte[] encrypted = null;
    try {
      CodedInputStream in = CodedInputStream.newInstance(wire);
      for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
        int field = WireFormat.getTagFieldNumber(tag);
        switch (field) {
          case 1:
            kind = in.readEnum() == 1 ? "lossy" : "reliable";
            break;
          case 4:
            identity = in.readString();
            break;
          case 5:
            in.readString();
            destinations++;
            break;
          case 16:
            sequence = in.readUInt32() & 0xFFFF_FFFFL;
            break;
          case 17:
            sid = in.readString();
            break;
          default:
            DataValueCase c = DataValueCase.forDataPacketFieldOrNull(field);
            if (c != null && c != DataValueCase.NONE
                && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
              value = c;
              byte[] bytes = in.readByteArray();
              encrypted = c == DataValueCase.ENCRYPTED_PACKET ? bytes : null;
            } else {
              in.skipField(tag);
            }
            break;
        }
      }
    } catch (IOException e) {
      lines.add("not a DataPacket: " + PeerText.escape(e.getMessage()));
      return lines;
    }
    lines.add("DataPacket: " + wire.length + " bytes, " + kind + (sequence != 0 ? ", sequence " + sequence : ""));
    lines.add("sender: " + (identity.isEmpty() ? "no participant identity (the SFU fills it in)"
        : "participant identity " + PeerText.escape(identity)) + (sid.isEmpty() ? "" : ", sid " + PeerText.escape(sid))
        + (destinations > 0 ? "; " + destinations + " destination identit" + (destinations == 1 ? "y" : "ies") : ""));
    String valueName = value.name().toLowerCase(Locale.ROOT);
    if (value == DataValueCase.NONE) {
      lines.add("value: none");
    } else if (value != DataValueCase.ENCRYPTED_PACKET) {
      lines.add("value: " + valueName + " (field " + value.dataPacketField() + "), "
          + (value.isEncrypted() ? "in clear, though LiveKit encrypts this case when data encryption is on"
              : "a case LiveKit always sends in clear"));
    } else {
      lines.add("value: encrypted_packet (field 18)");
      lines.add(encryptedPacket(encrypted));
    }
    return lines;
  }

  private static String encryptedPacket(byte[] bytes) {
    int type = 0;
    long keyIndex = 0;
    byte[] iv = new byte[0];
    int sealedLength = 0;
    try {
      CodedInputStream in = CodedInputStream.newInstance(bytes);
      for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
        switch (WireFormat.getTagFieldNumber(tag)) {
          case 1:
            type = in.readEnum();
            break;
          case 2:
            iv = in.readByteArray();
            break;
          case 3:
            keyIndex = in.readUInt32() & 0xFFFF_FFFFL;
            break;
          case 4:
            sealedLength = in.readByteArray().length;
            break;
          default:
            in.skipField(tag);
            break;
        }
      }
    } catch (IOException e) {
      return "EncryptedPacket: malformed: " + PeerText.escape(e.getMessage());
    }
    String typeName = type == 0 ? "unset (NONE: LiveKit JS leaves it so)" : type == 1 ? "GCM" : type == 2 ? "CUSTOM"
        : "unknown (" + type + ")";
    return "EncryptedPacket: encryption type " + typeName + ", key index " + keyIndex + ", IV "
        + HexBytes.format(iv) + " (" + iv.length + " bytes), encrypted value " + sealedLength + " bytes"
        + (sealedLength >= TAG_LENGTH ? " (" + (sealedLength - TAG_LENGTH) + "-byte payload + 16-byte GCM tag)"
            : " (shorter than a GCM tag)");
  }
}
