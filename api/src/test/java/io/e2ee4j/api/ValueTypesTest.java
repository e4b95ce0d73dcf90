package io.e2ee4j.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ValueTypesTest {

  @Test
  void keyIndex_isOneUnsignedByte() {
    assertEquals(0, KeyIndex.of(0).value());
    assertEquals(255, KeyIndex.of(255).value());
    assertThrows(IllegalArgumentException.class, () -> KeyIndex.of(256));
    assertThrows(IllegalArgumentException.class, () -> KeyIndex.of(-1));
  }

  @Test
  void participantId_refusesNullAndEmpty() {
    assertEquals("alice", ParticipantId.of("alice").toString());
    assertThrows(NullPointerException.class, () -> ParticipantId.of(null));
    assertThrows(IllegalArgumentException.class, () -> ParticipantId.of(""));
  }

  @Test
  void e2eeState_hasLiveKitsSevenValuesInOrder() {
    assertEquals("[NEW, OK, ENCRYPTION_FAILED, DECRYPTION_FAILED, MISSING_KEY, KEY_RATCHETED, INTERNAL_ERROR]",
        java.util.Arrays.toString(E2eeState.values()));
  }

  @Test
  void keyMaterial_isUtf8ForPassphrases_copiesBytes_andHidesThem() {
    KeyMaterial passphrase = KeyMaterial.fromPassphrase("grüße");
    assertArrayEquals("grüße".getBytes(StandardCharsets.UTF_8), passphrase.copyBytes());
    assertEquals(KeyDerivation.PBKDF2, passphrase.derivationUnder(KeyProviderOptions.defaults()));
    byte[] raw = {0x5a, 0x5b, 0x5c};
    KeyMaterial bytes = KeyMaterial.fromBytes(raw);
    raw[0] = 0;
    assertEquals(0x5a, bytes.copyBytes()[0]);
    assertEquals(KeyDerivation.HKDF, bytes.derivationUnder(KeyProviderOptions.defaults()));
    assertEquals(KeyDerivation.PBKDF2,
        bytes.derivationUnder(KeyProviderOptions.builder().keyDerivation(KeyDerivation.PBKDF2).build()));
    assertFalse(passphrase.toString().contains("gr"), passphrase.toString());
    assertFalse(bytes.toString().contains("5a5b5c"), bytes.toString());
    bytes.destroy();
    assertTrue(bytes.isDestroyed());
    assertThrows(IllegalStateException.class, bytes::copyBytes);
    assertThrows(IllegalArgumentException.class, () -> KeyMaterial.fromBytes(new byte[0]));
  }

  @Test
  void cryptoKey_ivsArePrefixAndCounter_andRefusedAtTheLimit() {
    CryptoKey key = CryptoKey.of(3, new byte[16]);
    ByteBuffer first = ByteBuffer.allocate(12);
    ByteBuffer second = ByteBuffer.allocate(12);
    assertTrue(key.nextIv(first, 12));
    assertTrue(key.nextIv(second, 12));
    assertEquals(HexFormat.of().formatHex(first.array(), 0, 8), HexFormat.of().formatHex(second.array(), 0, 8));
    assertEquals(0, first.getInt(8));
    assertEquals(1, second.getInt(8));

    key.skipIvsForTesting(CryptoKey.MAX_IVS_PER_KEY - 3);
    ByteBuffer last = ByteBuffer.allocate(12);
    assertTrue(key.nextIv(last, 12));
    assertEquals(0xffffffff, last.getInt(8));
    ByteBuffer refused = ByteBuffer.allocate(12);
    assertFalse(key.nextIv(refused, 12));
    assertEquals(0, refused.position(), "nothing written when refused");
    assertFalse(key.nextIv(refused, 12), "stays refused");
  }

  @Test
  void cryptoKey_otherIvLengths_andBadArguments() {
    CryptoKey key = CryptoKey.of(0, new byte[32]);
    ByteBuffer iv24 = ByteBuffer.allocate(24);
    assertTrue(key.nextIv(iv24, 24));
    assertEquals(24, iv24.position());
    assertThrows(IllegalArgumentException.class, () -> key.nextIv(ByteBuffer.allocate(64), 7));
    assertThrows(java.nio.BufferOverflowException.class, () -> key.nextIv(ByteBuffer.allocate(4), 12));
    assertThrows(IllegalArgumentException.class, () -> CryptoKey.of(256, new byte[16]));
    assertThrows(IllegalArgumentException.class, () -> CryptoKey.of(0, new byte[0]));
  }

  @Test
  void cryptoKey_comparesInConstantTime_andNeverShowsItsBytes() {
    byte[] bytes = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");
    CryptoKey a = CryptoKey.of(1, bytes);
    assertTrue(a.equalsKey(CryptoKey.of(2, bytes)));
    assertFalse(a.equalsKey(CryptoKey.of(1, new byte[16])));
    assertFalse(a.toString().contains("0011223344"), a.toString());
    a.destroy();
    assertTrue(a.isDestroyed());
    assertFalse(a.nextIv(ByteBuffer.allocate(12), 12));
  }
}
