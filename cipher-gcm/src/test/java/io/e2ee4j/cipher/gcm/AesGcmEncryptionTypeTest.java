package io.e2ee4j.cipher.gcm;

import io.e2ee4j.testing.Skip;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.e2ee4j.api.spi.Aead;
import io.e2ee4j.cipher.gcm.internal.GcmProviders;
import io.e2ee4j.testing.Hex;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.Provider;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import javax.crypto.AEADBadTagException;
import javax.crypto.ShortBufferException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AesGcmEncryptionTypeTest {

  private static final byte[] KEY = Hex.decode("000102030405060708090a0b0c0d0e0f");
  private static final byte[] IV = Hex.decode("a0a1a2a3a4a5a6a7a8a9aaab");

  static Stream<Provider> providers() {
    return AesGcmWycheproofTest.providers();
  }

  @Test
  void sizes_areLiveKits() {
    AesGcmEncryptionType type = new AesGcmEncryptionType();
    assertEquals("gcm", type.id());
    assertEquals(12, type.ivLengthBytes());
    assertEquals(16, type.tagLengthBytes());
    assertTrue(type.supportsKeyLength(16));
    assertTrue(type.supportsKeyLength(32));
    assertFalse(type.supportsKeyLength(24));
  }

  @Test
  void newAead_wrongKeyLength_throwsWithoutKeyBytes() {
    byte[] key = Hex.decode("0badc0de0badc0de0badc0de");
    InvalidKeyException e = assertThrows(InvalidKeyException.class, () -> new AesGcmEncryptionType().newAead(key));
    assertFalse(e.getMessage().contains("0badc0de"), e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("providers")
  void everySingleBitFlip_failsToOpen(Provider provider) throws Exception {
    Aead aead = AesGcmEncryptionType.withProvider(provider).newAead(KEY);
    byte[] aad = {1, 2, 3};
    byte[] sealed = AesGcmWycheproofTest.seal(aead, IV, aad, "hello, frames".getBytes());
    for (int bit = 0; bit < sealed.length * 8; bit++) {
      byte[] tampered = sealed.clone();
      tampered[bit / 8] ^= (byte) (1 << (bit % 8));
      assertThrows(AEADBadTagException.class, () -> AesGcmWycheproofTest.open(aead, IV, aad, tampered));
    }
    byte[] otherAad = {1, 2, 4};
    assertThrows(AEADBadTagException.class, () -> AesGcmWycheproofTest.open(aead, IV, otherAad, sealed));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("providers")
  void directAndInPlaceBuffers_giveTheSameBytes(Provider provider) throws Exception {
    Aead aead = AesGcmEncryptionType.withProvider(provider).newAead(KEY);
    byte[] msg = new byte[1000];
    for (int i = 0; i < msg.length; i++) {
      msg[i] = (byte) i;
    }
    byte[] expected = AesGcmWycheproofTest.seal(aead, IV, new byte[0], msg);

    ByteBuffer in = ByteBuffer.allocateDirect(msg.length).put(msg).flip();
    ByteBuffer out = ByteBuffer.allocateDirect(msg.length + 16);
    // A fresh cipher: JCA refuses to seal twice with one key and IV in one Cipher, as it should.
    AesGcmEncryptionType.withProvider(provider).newAead(KEY).seal(ByteBuffer.wrap(IV), ByteBuffer.allocate(0), in, out);
    out.flip();
    assertEquals(Hex.encode(expected), Hex.encode(out));
    assertEquals(in.limit(), in.position(), "input consumed");

    ByteBuffer sealed = ByteBuffer.wrap(expected.clone());
    ByteBuffer inPlace = sealed.duplicate();
    int n = aead.open(ByteBuffer.wrap(IV), ByteBuffer.allocate(0), sealed, inPlace);
    assertEquals(msg.length, n);
    byte[] opened = new byte[n];
    inPlace.flip().get(opened);
    assertArrayEquals(msg, opened);
  }

  @Test
  void wrongIvLength_andShortOutput_areRefused() throws Exception {
    Aead aead = new AesGcmEncryptionType().newAead(KEY);
    ByteBuffer aad = ByteBuffer.allocate(0);
    assertThrows(InvalidAlgorithmParameterException.class,
        () -> aead.seal(ByteBuffer.allocate(8), aad, ByteBuffer.allocate(4), ByteBuffer.allocate(20)));
    assertThrows(ShortBufferException.class,
        () -> aead.seal(ByteBuffer.wrap(IV), aad, ByteBuffer.allocate(4), ByteBuffer.allocate(19)));
    assertThrows(AEADBadTagException.class,
        () -> aead.open(ByteBuffer.wrap(IV), aad, ByteBuffer.allocate(15), ByteBuffer.allocate(20)));
  }

  @Test
  void manyThreadsSealAndOpen_withOneAead() throws Exception {
    Aead aead = new AesGcmEncryptionType().newAead(KEY);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        final int thread = t;
        results.add(pool.submit(() -> {
          for (int i = 0; i < 500; i++) {
            byte[] iv = IV.clone();
            iv[0] = (byte) thread;
            iv[11] = (byte) i;
            iv[10] = (byte) (i >> 8);
            byte[] msg = ("message " + thread + "/" + i).getBytes();
            byte[] sealed = AesGcmWycheproofTest.seal(aead, iv, new byte[] {(byte) thread}, msg);
            byte[] opened = AesGcmWycheproofTest.open(aead, iv, new byte[] {(byte) thread}, sealed);
            if (!java.util.Arrays.equals(msg, opened)) {
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

  @Test
  void chosenProvider_passesTheSelfTestAndIsNamed() throws GeneralSecurityException {
    AesGcmEncryptionType type = new AesGcmEncryptionType();
    assertTrue(type.description().startsWith("AES-GCM ("), type.description());
    assertFalse(type.toString().isEmpty());
    Aead aead = type.newAead(KEY);
    byte[] sealed = AesGcmWycheproofTest.seal(aead, IV, new byte[0], new byte[] {42});
    assertArrayEquals(new byte[] {42}, AesGcmWycheproofTest.open(aead, IV, new byte[0], sealed));
  }

  @Test
  void conscrypt_loadsHereAndAgreesWithTheJdk() {
    // Conscrypt's uber jar is on the test path (optional dependency), with natives for this machine.
    Provider conscrypt = GcmProviders.conscryptOrNull();
    Skip.unless(conscrypt != null, "Conscrypt does not load on this platform");
    assertEquals("Conscrypt", conscrypt.getName());
  }
}
