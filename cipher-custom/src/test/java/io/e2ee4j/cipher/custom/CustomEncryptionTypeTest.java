package io.e2ee4j.cipher.custom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.e2ee4j.api.spi.Aead;
import io.e2ee4j.api.spi.EncryptionType;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.AEADBadTagException;
import javax.crypto.ShortBufferException;
import org.junit.jupiter.api.Test;

/** The "custom" type: its id, its size rules, and how it holds an application's AEAD to the SPI contract. */
class CustomEncryptionTypeTest {

  private static final byte[] KEY = ReadyTypesTest.key(32);

  /** An application cipher that delegates to BouncyCastle's AES-GCM-SIV: a real AEAD with 12/16 sizes. */
  private static final CustomEncryptionType SIV_AS_CUSTOM =
      CustomEncryptionType.of(12, 16, key -> new AesGcmSivEncryptionType().newAead(key));

  @Test
  void everyCustomType_hasTheIdCustom_andTheSizesItWasGiven() {
    assertEquals("custom", SIV_AS_CUSTOM.id());
    assertEquals(12, SIV_AS_CUSTOM.ivLengthBytes());
    assertEquals(16, SIV_AS_CUSTOM.tagLengthBytes());
    assertTrue(SIV_AS_CUSTOM.supportsKeyLength(16));
    assertTrue(SIV_AS_CUSTOM.supportsKeyLength(32));
    assertFalse(SIV_AS_CUSTOM.supportsKeyLength(24));
    CustomEncryptionType only32 = CustomEncryptionType.of(24, 32, key -> null, 32);
    assertEquals("custom", only32.id());
    assertFalse(only32.supportsKeyLength(16));
    assertTrue(SIV_AS_CUSTOM.description().startsWith("custom ("), SIV_AS_CUSTOM.description());
  }

  @Test
  void sizesOutsideWhatTheKeysIvSourceAndTheWireCarry_areRefused() {
    assertThrows(IllegalArgumentException.class, () -> CustomEncryptionType.of(7, 16, key -> null));
    assertThrows(IllegalArgumentException.class, () -> CustomEncryptionType.of(37, 16, key -> null));
    assertThrows(IllegalArgumentException.class, () -> CustomEncryptionType.of(12, 11, key -> null));
    assertThrows(IllegalArgumentException.class, () -> CustomEncryptionType.of(12, 65, key -> null));
    assertThrows(IllegalArgumentException.class, () -> CustomEncryptionType.of(12, 16, key -> null, new int[0]));
    assertThrows(IllegalArgumentException.class, () -> CustomEncryptionType.of(12, 16, key -> null, 0));
  }

  @Test
  void aRealCustomAead_roundTrips_andRefusesTampering() throws Exception {
    Aead aead = SIV_AS_CUSTOM.newAead(KEY);
    byte[] iv = new byte[12];
    byte[] sealed = WycheproofAeadTest.seal(aead, iv, new byte[] {9}, "custom".getBytes());
    assertArrayEquals("custom".getBytes(), WycheproofAeadTest.open(aead, iv, new byte[] {9}, sealed));
    sealed[0] ^= 1;
    assertThrows(AEADBadTagException.class, () -> WycheproofAeadTest.open(aead, iv, new byte[] {9}, sealed));
  }

  @Test
  void theFactoryGetsAFreshCopyOfTheKey_andAWrongLengthNeverReachesIt() throws Exception {
    AtomicReference<byte[]> seen = new AtomicReference<>();
    CustomEncryptionType type = CustomEncryptionType.of(12, 16, key -> {
      seen.set(key);
      return new AesGcmSivEncryptionType().newAead(key);
    });
    byte[] key = KEY.clone();
    type.newAead(key);
    assertArrayEquals(KEY, seen.get());
    assertFalse(seen.get() == key, "a copy, not the caller's array");
    seen.set(null);
    InvalidKeyException e = assertThrows(InvalidKeyException.class, () -> type.newAead(new byte[24]));
    assertEquals(null, seen.get());
    assertTrue(e.getMessage().contains("24 bytes"), e.getMessage());
  }

  @Test
  void ivLengthAndOutputRoom_areCheckedBeforeTheApplicationsCodeRuns() throws Exception {
    AtomicReference<Boolean> called = new AtomicReference<>(false);
    EncryptionType type = CustomEncryptionType.of(16, 16, key -> new Misbehaving(called, Misbehaving.Mode.CORRECT));
    Aead aead = type.newAead(KEY);
    ByteBuffer none = ByteBuffer.allocate(0);
    assertThrows(InvalidAlgorithmParameterException.class,
        () -> aead.seal(ByteBuffer.allocate(12), none, ByteBuffer.allocate(4), ByteBuffer.allocate(20)));
    assertThrows(ShortBufferException.class,
        () -> aead.seal(ByteBuffer.allocate(16), none, ByteBuffer.allocate(4), ByteBuffer.allocate(19)));
    assertThrows(AEADBadTagException.class,
        () -> aead.open(ByteBuffer.allocate(16), none, ByteBuffer.allocate(15), ByteBuffer.allocate(4)));
    assertFalse(called.get());
  }

  @Test
  void aRuntimeExceptionFromTheApplication_becomesAGeneralSecurityException() throws Exception {
    Aead aead = CustomEncryptionType.of(12, 16, key -> new Misbehaving(null, Misbehaving.Mode.THROWS)).newAead(KEY);
    GeneralSecurityException e = assertThrows(GeneralSecurityException.class,
        () -> WycheproofAeadTest.seal(aead, new byte[12], new byte[0], new byte[4]));
    assertTrue(e.getMessage().contains(Misbehaving.class.getName()), e.getMessage());
    assertFalse(e.getMessage().contains("secret"), e.getMessage());
    assertThrows(GeneralSecurityException.class, () -> WycheproofAeadTest.open(aead, new byte[12], new byte[0], new byte[20]));
  }

  @Test
  void aWrongByteCount_isAnError_notAFrame() throws Exception {
    Aead aead = CustomEncryptionType.of(12, 16, key -> new Misbehaving(null, Misbehaving.Mode.SHORT)).newAead(KEY);
    ByteBuffer out = ByteBuffer.allocate(20);
    GeneralSecurityException e = assertThrows(GeneralSecurityException.class,
        () -> aead.seal(ByteBuffer.allocate(12), ByteBuffer.allocate(0), ByteBuffer.allocate(4), out));
    assertTrue(e.getMessage().contains("broke the Aead contract"), e.getMessage());
    assertEquals(0, out.position());
  }

  @Test
  void anAuthenticationFailure_readsDecryptionFailed_andLeavesTheOutputZeroed() throws Exception {
    Aead aead = CustomEncryptionType.of(12, 16, key -> new Misbehaving(null, Misbehaving.Mode.BAD_TAG_AFTER_WRITING))
        .newAead(KEY);
    ByteBuffer out = ByteBuffer.allocate(4);
    AEADBadTagException e = assertThrows(AEADBadTagException.class,
        () -> aead.open(ByteBuffer.allocate(12), ByteBuffer.allocate(0), ByteBuffer.allocate(20), out));
    assertEquals("decryption failed", e.getMessage());
    assertArrayEquals(new byte[4], out.array());
    assertEquals(0, out.position());
  }

  @Test
  void anApplicationSubclass_withANoArgConstructor_isWhatServiceLoaderNeeds() throws Exception {
    EncryptionType viaServiceLoaderShape = MySivCipher.class.getConstructor().newInstance();
    assertEquals("custom", viaServiceLoaderShape.id());
    Aead aead = viaServiceLoaderShape.newAead(KEY);
    byte[] sealed = WycheproofAeadTest.seal(aead, new byte[12], new byte[0], new byte[] {1, 2});
    assertArrayEquals(new byte[] {1, 2}, WycheproofAeadTest.open(aead, new byte[12], new byte[0], sealed));
  }

  /** The shape an application's ServiceLoader provider has. */
  public static final class MySivCipher extends CustomEncryptionType {
    /** For ServiceLoader. */
    public MySivCipher() {
      super(12, 16, 32);
    }

    @Override
    protected Aead createAead(byte[] key) throws GeneralSecurityException {
      return new AesGcmSivEncryptionType().newAead(key);
    }
  }

  /** An application cipher that breaks the contract in one chosen way. */
  private static final class Misbehaving implements Aead {
    enum Mode { CORRECT, THROWS, SHORT, BAD_TAG_AFTER_WRITING }

    private final AtomicReference<Boolean> called;
    private final Mode mode;

    Misbehaving(AtomicReference<Boolean> called, Mode mode) {
      this.called = called;
      this.mode = mode;
    }

    @Override
    public int seal(ByteBuffer iv, ByteBuffer aad, ByteBuffer plaintext, ByteBuffer output) {
      mark();
      if (mode == Mode.THROWS) {
        throw new IllegalStateException("secret key material here");
      }
      int n = plaintext.remaining() + (mode == Mode.SHORT ? 15 : 16);
      output.position(output.position() + n);
      return n;
    }

    @Override
    public int open(ByteBuffer iv, ByteBuffer aad, ByteBuffer in, ByteBuffer output) throws AEADBadTagException {
      mark();
      if (mode == Mode.THROWS) {
        throw new IllegalStateException("secret key material here");
      }
      if (mode == Mode.BAD_TAG_AFTER_WRITING) {
        output.put(new byte[] {1, 2, 3, 4});
        throw new AEADBadTagException("tag mismatch, secret key material here");
      }
      int n = in.remaining() - 16;
      output.position(output.position() + n);
      return n;
    }

    private void mark() {
      if (called != null) {
        called.set(true);
      }
    }
  }
}
