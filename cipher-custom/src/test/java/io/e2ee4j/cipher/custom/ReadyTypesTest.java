package io.e2ee4j.cipher.custom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.e2ee4j.api.spi.Aead;
import io.e2ee4j.api.spi.EncryptionType;
import io.e2ee4j.cipher.custom.ChaCha20Poly1305EncryptionType.Backend;
import io.e2ee4j.testing.Hex;
import java.nio.ByteBuffer;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import javax.crypto.AEADBadTagException;
import javax.crypto.ShortBufferException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Tamper, buffers, sizes and threads for the ready types, on each backend and key size. */
class ReadyTypesTest {

  private static final byte[] IV = Hex.decode("a0a1a2a3a4a5a6a7a8a9aaab");

  static Stream<Arguments> typesAndKeys() {
    return Stream.of(
        Arguments.of(ChaCha20Poly1305EncryptionType.withBackend(Backend.JDK), 32),
        Arguments.of(ChaCha20Poly1305EncryptionType.withBackend(Backend.BOUNCY_CASTLE), 32),
        Arguments.of(new AesGcmSivEncryptionType(), 16),
        Arguments.of(new AesGcmSivEncryptionType(), 32));
  }

  static byte[] key(int length) {
    byte[] key = new byte[length];
    for (int i = 0; i < length; i++) {
      key[i] = (byte) (i * 7 + 3);
    }
    return key;
  }

  static byte[] message(int length) {
    byte[] msg = new byte[length];
    for (int i = 0; i < length; i++) {
      msg[i] = (byte) (i * 31 + 5);
    }
    return msg;
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("typesAndKeys")
  void everySingleBitFlip_wrongAad_andWrongKey_failToOpen_andLeaveNoPlaintext(EncryptionType type, int keyLength)
      throws Exception {
    Aead aead = type.newAead(key(keyLength));
    byte[] aad = {1, 2, 3};
    byte[] msg = "hello, frames and packets".getBytes();
    byte[] sealed = WycheproofAeadTest.seal(aead, IV, aad, msg);
    List<String> errors = new ArrayList<>();
    for (int bit = 0; bit < sealed.length * 8; bit++) {
      byte[] tampered = sealed.clone();
      tampered[bit / 8] ^= (byte) (1 << (bit % 8));
      ByteBuffer out = ByteBuffer.allocate(msg.length);
      Arrays.fill(out.array(), (byte) 0x5A);
      try {
        aead.open(ByteBuffer.wrap(IV), ByteBuffer.wrap(aad), ByteBuffer.wrap(tampered), out);
        errors.add("bit " + bit + " opened");
      } catch (AEADBadTagException expected) {
        if (!"decryption failed".equals(expected.getMessage())) {
          errors.add("bit " + bit + ": message " + expected.getMessage());
        }
        if (out.position() != 0 || containsPlaintextByte(out.array(), msg)) {
          errors.add("bit " + bit + ": output moved or holds plaintext");
        }
      }
    }
    assertEquals(List.of(), errors);
    assertThrows(AEADBadTagException.class, () -> WycheproofAeadTest.open(aead, IV, new byte[] {1, 2, 4}, sealed));
    byte[] otherKey = key(keyLength);
    otherKey[0] ^= 1;
    Aead other = type.newAead(otherKey);
    assertThrows(AEADBadTagException.class, () -> WycheproofAeadTest.open(other, IV, aad, sealed));
    assertArrayEquals(msg, WycheproofAeadTest.open(aead, IV, aad, sealed), "the untampered message still opens");
  }

  /** True if any region of 4 bytes of the plaintext appears in {@code out} (a wiped or untouched buffer has none). */
  private static boolean containsPlaintextByte(byte[] out, byte[] msg) {
    for (int i = 0; i + 4 <= msg.length; i++) {
      for (int j = 0; j + 4 <= out.length; j++) {
        if (Arrays.equals(msg, i, i + 4, out, j, j + 4)) {
          return true;
        }
      }
    }
    return false;
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("typesAndKeys")
  void heapDirectSlicedAndInPlaceBuffers_giveTheSameBytes(EncryptionType type, int keyLength) throws Exception {
    byte[] key = key(keyLength);
    byte[] msg = message(1000);
    byte[] aad = message(20);
    byte[] expected = WycheproofAeadTest.seal(type.newAead(key), IV, aad, msg);

    ByteBuffer in = ByteBuffer.allocateDirect(msg.length).put(msg).flip();
    ByteBuffer out = ByteBuffer.allocateDirect(msg.length + 16);
    ByteBuffer directAad = ByteBuffer.allocateDirect(aad.length).put(aad).flip();
    assertEquals(msg.length + 16, type.newAead(key).seal(ByteBuffer.wrap(IV), directAad, in, out));
    assertEquals(in.limit(), in.position(), "input consumed");
    assertEquals(0, directAad.position(), "aad left unchanged");
    assertEquals(Hex.encode(expected), Hex.encode(out.flip()));

    // A sliced heap buffer (non-zero array offset), sealed in place.
    byte[] backing = new byte[7 + msg.length + 16];
    System.arraycopy(msg, 0, backing, 7, msg.length);
    ByteBuffer region = ByteBuffer.wrap(backing, 7, msg.length + 16).slice();
    ByteBuffer plain = region.duplicate().limit(msg.length);
    type.newAead(key).seal(ByteBuffer.wrap(IV), ByteBuffer.wrap(aad), plain, region.duplicate());
    assertArrayEquals(expected, Arrays.copyOfRange(backing, 7, backing.length));

    // Opened in place.
    Aead aead = type.newAead(key);
    ByteBuffer sealed = ByteBuffer.wrap(expected.clone());
    ByteBuffer inPlace = sealed.duplicate();
    assertEquals(msg.length, aead.open(ByteBuffer.wrap(IV), ByteBuffer.wrap(aad), sealed, inPlace));
    assertArrayEquals(msg, Arrays.copyOf(inPlace.array(), msg.length));

    // Opened from direct into direct.
    ByteBuffer directSealed = ByteBuffer.allocateDirect(expected.length).put(expected).flip();
    ByteBuffer directOut = ByteBuffer.allocateDirect(msg.length);
    aead.open(ByteBuffer.wrap(IV), ByteBuffer.wrap(aad), directSealed, directOut);
    byte[] opened = new byte[msg.length];
    directOut.flip().get(opened);
    assertArrayEquals(msg, opened);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("typesAndKeys")
  void wrongIvLength_shortOutput_andShortInput_areRefused(EncryptionType type, int keyLength) throws Exception {
    Aead aead = type.newAead(key(keyLength));
    ByteBuffer aad = ByteBuffer.allocate(0);
    for (int ivLength : new int[] {0, 8, 11, 13, 16, 24}) {
      assertThrows(InvalidAlgorithmParameterException.class,
          () -> aead.seal(ByteBuffer.allocate(ivLength), aad, ByteBuffer.allocate(4), ByteBuffer.allocate(20)));
      assertThrows(InvalidAlgorithmParameterException.class,
          () -> aead.open(ByteBuffer.allocate(ivLength), aad, ByteBuffer.allocate(20), ByteBuffer.allocate(4)));
    }
    assertThrows(ShortBufferException.class,
        () -> aead.seal(ByteBuffer.wrap(IV), aad, ByteBuffer.allocate(4), ByteBuffer.allocate(19)));
    assertThrows(AEADBadTagException.class,
        () -> aead.open(ByteBuffer.wrap(IV), aad, ByteBuffer.allocate(15), ByteBuffer.allocate(20)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("typesAndKeys")
  void manyThreadsSealAndOpen_withOneAead(EncryptionType type, int keyLength) throws Exception {
    Aead aead = type.newAead(key(keyLength));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        final int thread = t;
        results.add(pool.submit(() -> {
          for (int i = 0; i < 300; i++) {
            byte[] iv = IV.clone();
            iv[0] = (byte) thread;
            iv[11] = (byte) i;
            iv[10] = (byte) (i >> 8);
            byte[] msg = ("message " + thread + "/" + i).getBytes();
            byte[] sealed = WycheproofAeadTest.seal(aead, iv, new byte[] {(byte) thread}, msg);
            if (!Arrays.equals(msg, WycheproofAeadTest.open(aead, iv, new byte[] {(byte) thread}, sealed))) {
              return false;
            }
          }
          return true;
        }));
      }
      for (Future<Boolean> f : results) {
        assertTrue(f.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("typesAndKeys")
  void aRepeatedFrame_decryptsAgain(EncryptionType type, int keyLength) throws Exception {
    // JDK 17 refuses a second init with the same key and nonce even to decrypt; a duplicated frame must still open.
    Aead aead = type.newAead(key(keyLength));
    byte[] sealed = WycheproofAeadTest.seal(type.newAead(key(keyLength)), IV, new byte[0], message(50));
    assertArrayEquals(message(50), WycheproofAeadTest.open(aead, IV, new byte[0], sealed));
    assertArrayEquals(message(50), WycheproofAeadTest.open(aead, IV, new byte[0], sealed));
  }

  @Test
  void sizesAndKeyLengths_areAsDocumented_andRefusalsCarryNoKeyBytes() {
    ChaCha20Poly1305EncryptionType chacha = new ChaCha20Poly1305EncryptionType();
    assertEquals("chacha20-poly1305", chacha.id());
    assertEquals(12, chacha.ivLengthBytes());
    assertEquals(16, chacha.tagLengthBytes());
    assertTrue(chacha.supportsKeyLength(32));
    assertFalse(chacha.supportsKeyLength(16));
    AesGcmSivEncryptionType siv = new AesGcmSivEncryptionType();
    assertEquals("aes-gcm-siv", siv.id());
    assertEquals(12, siv.ivLengthBytes());
    assertEquals(16, siv.tagLengthBytes());
    assertTrue(siv.supportsKeyLength(16) && siv.supportsKeyLength(32));
    assertFalse(siv.supportsKeyLength(24));

    byte[] key = Hex.decode("0badc0de0badc0de0badc0de0badc0de");
    InvalidKeyException e = assertThrows(InvalidKeyException.class, () -> chacha.newAead(key));
    assertFalse(e.getMessage().toLowerCase().contains("0badc0de"), e.getMessage());
    assertThrows(InvalidKeyException.class, () -> siv.newAead(new byte[24]));
  }

  @Test
  void defaultChaChaBackend_isTheJdksHere_andSaysSo() {
    // Every JDK this project supports (17+) has ChaCha20-Poly1305 and it passes the self-test.
    ChaCha20Poly1305EncryptionType chacha = new ChaCha20Poly1305EncryptionType();
    assertEquals(Backend.JDK, chacha.backend());
    assertEquals("ChaCha20-Poly1305 (JDK)", chacha.description());
  }
}
