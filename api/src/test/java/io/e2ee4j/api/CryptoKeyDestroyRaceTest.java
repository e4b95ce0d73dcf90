package io.e2ee4j.api;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.e2ee4j.api.spi.Aead;
import io.e2ee4j.api.spi.EncryptionType;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A key destroyed while its cipher is being created must not hand out (or cache) a cipher built
 * from the wiped, all-zero key bytes: sealing with it would encrypt under a key everybody knows.
 */
class CryptoKeyDestroyRaceTest {

  /** An encryption type that records the key bytes it was built from, after running {@code duringCreate}. */
  static final class RecordingType implements EncryptionType {
    final AtomicReference<Runnable> duringCreate = new AtomicReference<>(() -> {});
    volatile byte[] seenKey;

    @Override public String id() {
      return "recording";
    }

    @Override public int ivLengthBytes() {
      return 12;
    }

    @Override public int tagLengthBytes() {
      return 16;
    }

    @Override public boolean supportsKeyLength(int n) {
      return true;
    }

    @Override public Aead newAead(byte[] key) {
      duringCreate.get().run(); // stands for another thread destroying the key at this moment
      seenKey = key.clone();
      return new Aead() {
        @Override public int seal(ByteBuffer iv, ByteBuffer aad, ByteBuffer plaintext, ByteBuffer output) {
          return 0;
        }

        @Override public int open(ByteBuffer iv, ByteBuffer aad, ByteBuffer ciphertextAndTag, ByteBuffer output) {
          return 0;
        }
      };
    }
  }

  @Test
  void keyDestroyedWhileItsCipherIsCreated_givesNoCipher_andCachesNone() throws Exception {
    byte[] secret = new byte[16];
    Arrays.fill(secret, (byte) 0x5a);
    CryptoKey key = CryptoKey.of(0, secret);
    RecordingType type = new RecordingType();
    type.duringCreate.set(key::destroy);

    assertThrows(IllegalStateException.class, () -> key.aead(type),
        "a cipher made from the wiped key bytes was handed out");
    assertTrue(Arrays.equals(new byte[16], type.seenKey), "the race was not reproduced");
    type.duringCreate.set(() -> {});
    assertThrows(IllegalStateException.class, () -> key.aead(type), "a cipher from the wiped key was cached");
  }
}
