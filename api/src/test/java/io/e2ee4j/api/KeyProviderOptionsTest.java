package io.e2ee4j.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KeyProviderOptionsTest {

  @Test
  void defaults_areLiveKitJsBaseKeyProviders() {
    KeyProviderOptions o = KeyProviderOptions.defaults();
    assertFalse(o.sharedKey());
    assertArrayEquals("LKFrameEncryptionKey".getBytes(StandardCharsets.UTF_8), o.ratchetSalt());
    assertEquals(8, o.ratchetWindowSize());
    assertEquals(10, o.failureTolerance());
    assertEquals(16, o.keyRingSize());
    assertEquals(128, o.keySizeBits());
    assertEquals(16, o.keySizeBytes());
    assertEquals(Optional.empty(), o.keyDerivation());
    assertEquals(0, o.sifTrailer().length);
    assertFalse(o.discardFrameWhenCryptorNotReady());
  }

  @Test
  void externalSharedKey_forcesWhatLiveKitJsForces() {
    KeyProviderOptions o = KeyProviderOptions.externalSharedKey();
    assertTrue(o.sharedKey());
    assertEquals(0, o.ratchetWindowSize());
    assertEquals(-1, o.failureTolerance());
  }

  @Test
  void bounds_areChecked_withTheValueInTheMessage() {
    KeyProviderOptions.Builder b = KeyProviderOptions.builder();
    assertTrue(assertThrows(IllegalArgumentException.class, () -> b.keyRingSize(0)).getMessage().contains("0"));
    assertThrows(IllegalArgumentException.class, () -> b.keyRingSize(257));
    assertThrows(IllegalArgumentException.class, () -> b.keySizeBits(192));
    assertThrows(IllegalArgumentException.class, () -> b.failureTolerance(-2));
    assertThrows(IllegalArgumentException.class, () -> b.ratchetWindowSize(-1));
    assertThrows(IllegalArgumentException.class, () -> b.ratchetWindowSize(256));
    assertThrows(NullPointerException.class, () -> b.ratchetSalt((byte[]) null));
    assertEquals(256, b.keyRingSize(256).build().keyRingSize());
    assertEquals(1, b.keyRingSize(1).build().keyRingSize());
    assertEquals(-1, b.failureTolerance(-1).build().failureTolerance());
    assertEquals(256, b.keySizeBits(256).build().keySizeBits());
  }

  @Test
  void arrays_areCopied_inAndOut() {
    byte[] salt = {1, 2, 3};
    KeyProviderOptions o = KeyProviderOptions.builder().ratchetSalt(salt).sifTrailer(salt).build();
    salt[0] = 9;
    o.ratchetSalt()[1] = 9;
    assertArrayEquals(new byte[] {1, 2, 3}, o.ratchetSalt());
    assertArrayEquals(new byte[] {1, 2, 3}, o.sifTrailer());
  }

  @Test
  void toBuilder_roundTrips_andEqualityIsByValue() {
    KeyProviderOptions o = KeyProviderOptions.builder().sharedKey(true).ratchetSalt("s").ratchetWindowSize(3)
        .failureTolerance(4).keyRingSize(5).keySizeBits(256).keyDerivation(KeyDerivation.HKDF)
        .sifTrailer(new byte[] {7}).discardFrameWhenCryptorNotReady(true).build();
    assertEquals(o, o.toBuilder().build());
    assertEquals(o.hashCode(), o.toBuilder().build().hashCode());
    assertNotEquals(o, o.toBuilder().keyRingSize(6).build());
    assertTrue(o.toString().contains("keyRingSize=5"), o.toString());
  }
}
