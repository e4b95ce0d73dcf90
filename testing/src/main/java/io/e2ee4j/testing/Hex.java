package io.e2ee4j.testing;

import java.nio.ByteBuffer;
import java.util.HexFormat;

/** Hex helpers for tests. */
public final class Hex {
  private static final HexFormat HEX = HexFormat.of();

  private Hex() {}

  /** Decodes hex (either case); null or "" gives an empty array. */
  public static byte[] decode(String hex) {
    return hex == null || hex.isEmpty() ? new byte[0] : HEX.parseHex(hex);
  }

  /** Encodes lower-case hex. */
  public static String encode(byte[] bytes) {
    return HEX.formatHex(bytes);
  }

  /** Encodes the remaining bytes of {@code buffer} without moving its position. */
  public static String encode(ByteBuffer buffer) {
    ByteBuffer dup = buffer.duplicate();
    byte[] bytes = new byte[dup.remaining()];
    dup.get(bytes);
    return encode(bytes);
  }
}
