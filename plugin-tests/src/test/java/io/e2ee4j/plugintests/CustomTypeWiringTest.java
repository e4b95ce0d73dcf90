package io.e2ee4j.plugintests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import io.e2ee4j.api.KeyMaterial;
import io.e2ee4j.api.KeyProviderOptions;
import io.e2ee4j.api.media.FrameResult;
import io.e2ee4j.api.spi.EncryptionType;
import io.e2ee4j.cipher.custom.AesGcmSivEncryptionType;
import io.e2ee4j.cipher.custom.CustomEncryptionType;
import io.e2ee4j.cipher.gcm.AesGcmEncryptionType;
import io.e2ee4j.core.E2eeManager;
import io.e2ee4j.core.E2eeManagerOptions;
import io.e2ee4j.core.EncryptionTypeCatalog;
import io.e2ee4j.core.guice.E2eeModule;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An application's "custom" type wired the three ways the README shows: plain code, Guice, ServiceLoader. */
class CustomTypeWiringTest {

  /** The application's AEAD, handed over as a factory. */
  private static final CustomEncryptionType MINE = CustomEncryptionType.of(12, 12, key -> new AppCipher().newAead(key));

  @Test
  void plainCode_customTypeAddedToTheCatalogue_runsARoom() {
    EncryptionTypeCatalog types = EncryptionTypeCatalog.of(List.of(new AesGcmEncryptionType())).with(MINE);
    try (E2eeManager alice = Room.member(types, CustomEncryptionType.ID);
        E2eeManager bob = Room.member(types, CustomEncryptionType.ID)) {
      assertSame(MINE, alice.frameEncryptionType());
      Room.Exchange x = Room.exchange(alice, bob);
      assertEquals(FrameResult.Status.DECRYPTED, x.receivedAudio().status(), x.receivedAudio().describe());
      assertArrayEquals(Room.AUDIO, Room.bytes(x.receivedAudio().output()));
    }
  }

  @Test
  void guice_customTypeBoundInTheMapBinder_isTheManagersFrameType_andRunsARoom() {
    EncryptionTypeCatalog installed = EncryptionTypeCatalog.of(List.of(new AesGcmEncryptionType(), new AesGcmSivEncryptionType()));
    Injector injector = Guice.createInjector(
        new E2eeModule(installed, E2eeManager.installedFrameCryptorFactories(), E2eeManager.installedDataPacketCryptorFactories()),
        new AbstractModule() {
          @Override
          protected void configure() {
            E2eeModule.encryptionTypes(binder()).addBinding(CustomEncryptionType.ID).toInstance(MINE);
            E2eeModule.keyProviderOptions(binder())
                .toInstance(KeyProviderOptions.externalSharedKey().toBuilder().keySizeBits(256).build());
            E2eeModule.managerOptions(binder()).toInstance(E2eeManagerOptions.builder()
                .frameEncryptionType(CustomEncryptionType.ID).dataEncryptionType(CustomEncryptionType.ID).build());
          }
        });
    try (E2eeManager alice = injector.getInstance(E2eeManager.class);
        E2eeManager bob = Room.member(EncryptionTypeCatalog.of(List.of(MINE)), CustomEncryptionType.ID)) {
      alice.keyProvider().setSharedKey(0, KeyMaterial.fromPassphrase(Room.PASSPHRASE));
      assertEquals(CustomEncryptionType.ID, alice.frameEncryptionTypeId());
      assertSame(MINE, alice.frameEncryptionType());
      assertTrue(alice.encryptionTypes().ids().contains("aes-gcm-siv"));
      Room.Exchange x = Room.exchange(alice, bob);
      assertEquals(FrameResult.Status.DECRYPTED, x.receivedAudio().status(), x.receivedAudio().describe());
      assertArrayEquals(Room.AUDIO, Room.bytes(x.receivedAudio().output()));
      assertTrue(x.receivedData().isOk(), x.receivedData().describe());
    }
  }

  @Test
  void serviceLoader_findsTheApplicationsOwnCustomTypeInItsJar() {
    EncryptionType found = EncryptionTypeCatalog.loadInstalled().get(CustomEncryptionType.ID);
    assertEquals(AppCipher.class, found.getClass());
    assertEquals(12, found.tagLengthBytes());
  }

  @Test
  void twoCustomTypesOnThePath_areRefusedNamingBoth() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> EncryptionTypeCatalog.of(List.of(new AppCipher(), MINE)));
    assertTrue(e.getMessage().contains(AppCipher.class.getName()), e.getMessage());
    assertTrue(e.getMessage().contains("'custom'"), e.getMessage());
  }
}
