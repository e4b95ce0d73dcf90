package io.e2ee4j.core.guice;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import io.e2ee4j.api.KeyMaterial;
import io.e2ee4j.api.KeyProviderOptions;
import io.e2ee4j.api.ParticipantId;
import io.e2ee4j.api.media.EncodedFrame;
import io.e2ee4j.api.media.FrameCryptorFactory;
import io.e2ee4j.api.media.FrameResult;
import io.e2ee4j.api.spi.Aead;
import io.e2ee4j.api.spi.EncryptionType;
import io.e2ee4j.core.CountingGcm;
import io.e2ee4j.core.DefaultKeyProvider;
import io.e2ee4j.core.E2eeManager;
import io.e2ee4j.core.E2eeManagerOptions;
import io.e2ee4j.core.EncryptionTypeCatalog;
import io.e2ee4j.core.ManagedFrameCryptor;
import io.e2ee4j.core.SimpleFrameFormat;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class E2eeModuleTest {

  private static final ParticipantId ALICE = ParticipantId.of("alice");
  private static final byte[] SECRET = new byte[32];

  /** The test frame format: core's tests cannot have transport-webrtc, which depends on core. */
  private static final List<FrameCryptorFactory> FORMATS = List.of(new SimpleFrameFormat());

  private static E2eeModule module() {
    return new E2eeModule(EncryptionTypeCatalog.loadInstalled(), FORMATS);
  }

  private static E2eeManager fromGuice(Module... userModules) {
    Module[] all = new Module[userModules.length + 1];
    all[0] = module();
    System.arraycopy(userModules, 0, all, 1, userModules.length);
    return Guice.createInjector(all).getInstance(E2eeManager.class);
  }

  /** A type under a new id, wrapping gcm; Guice builds it. */
  static final class OtherType extends CountingGcm {
    OtherType() {
      super("other");
    }
  }

  @Test
  void injectorAndBuilder_giveEquivalentManagersWhoseFramesInteroperate() {
    E2eeManager guiced = fromGuice();
    E2eeManager built = E2eeManager.builder().frameCryptorFactories(FORMATS).build();
    try (guiced; built) {
      assertEquals(built.frameEncryptionTypeId(), guiced.frameEncryptionTypeId());
      assertEquals(built.dataEncryptionTypeId(), guiced.dataEncryptionTypeId());
      assertEquals(built.encryptionTypes().ids(), guiced.encryptionTypes().ids());
      assertEquals(built.frameEncryptionType().getClass(), guiced.frameEncryptionType().getClass());
      assertEquals(built.frameFormatIds(), guiced.frameFormatIds());
      assertEquals(built.frameFormatId(), guiced.frameFormatId());
      assertEquals(built.options(), guiced.options());
      assertEquals(built.keyProvider().getClass(), guiced.keyProvider().getClass());
      assertEquals(built.keyProvider().options(), guiced.keyProvider().options());
      assertEquals(built.ownsKeyProvider(), guiced.ownsKeyProvider());
      assertTrue(guiced.ownsKeyProvider());
      assertEquals(built.toString(), guiced.toString());

      guiced.keyProvider().setKey(ALICE, 0, KeyMaterial.fromBytes(SECRET));
      built.keyProvider().setKey(ALICE, 0, KeyMaterial.fromBytes(SECRET));
      byte[] plain = {0x78, 1, 2, 3, 4, 5};
      FrameResult sealed = guiced.createLocalCryptor(ALICE, "mic", "audio/opus")
          .process(EncodedFrame.audio(ByteBuffer.wrap(plain), "audio/opus", 1, 2, ALICE));
      FrameResult opened = built.createRemoteCryptor(ALICE, "mic", "audio/opus")
          .process(EncodedFrame.audio(sealed.output(), "audio/opus", 1, 2, ALICE));
      assertEquals(FrameResult.Status.DECRYPTED, opened.status());
      byte[] back = new byte[opened.length()];
      opened.output().get(back);
      assertArrayEquals(plain, back);
    }
  }

  @Test
  void injector_managerIsASingleton() {
    Injector injector = Guice.createInjector(module());
    assertSame(injector.getInstance(E2eeManager.class), injector.getInstance(E2eeManager.class));
  }

  @Test
  void userModule_replacesGcm_andTheCryptorsUseTheReplacement() {
    CountingGcm mine = new CountingGcm();
    try (E2eeManager m = fromGuice(new AbstractModule() {
      @Override
      protected void configure() {
        E2eeModule.replaceEncryptionType(binder(), "gcm").toInstance(mine);
      }
    })) {
      assertSame(mine, m.frameEncryptionType());
      assertSame(mine, m.dataEncryptionType());
      assertSame(mine, m.encryptionTypes().get("gcm"));
      m.keyProvider().setKey(ALICE, 0, KeyMaterial.fromBytes(SECRET));
      ManagedFrameCryptor c = m.createLocalCryptor(ALICE, "mic", "audio/opus");
      assertEquals(FrameResult.Status.ENCRYPTED,
          c.process(EncodedFrame.audio(ByteBuffer.wrap(new byte[20]), "audio/opus", 1, 2, ALICE)).status());
      assertEquals(1, mine.aeadsMade());
    }
  }

  @Test
  void userModule_addsATypeThatOptionsCanSelect() {
    try (E2eeManager m = fromGuice(new AbstractModule() {
      @Override
      protected void configure() {
        E2eeModule.encryptionTypes(binder()).addBinding("other").to(OtherType.class);
        E2eeModule.managerOptions(binder()).toInstance(E2eeManagerOptions.builder().dataEncryptionType("other").build());
      }
    })) {
      assertTrue(m.encryptionTypes().ids().containsAll(List.of("gcm", "other")), m.encryptionTypes().toString());
      assertEquals("gcm", m.frameEncryptionTypeId());
      assertEquals("other", m.dataEncryptionTypeId());
    }
  }

  @Test
  void userModule_addingUnderAnInstalledId_isRefusedAsADuplicate() {
    CreationException e = assertThrows(CreationException.class, () -> fromGuice(new AbstractModule() {
      @Override
      protected void configure() {
        E2eeModule.encryptionTypes(binder()).addBinding("gcm").toInstance(new CountingGcm());
      }
    }));
    assertTrue(e.getMessage().contains("gcm"), e.getMessage());
  }

  @Test
  void userModule_replacesTheKeyProvider_whichTheManagerThenDoesNotClose() {
    DefaultKeyProvider mine = new DefaultKeyProvider(KeyProviderOptions.externalSharedKey());
    mine.setSharedKey(0, KeyMaterial.fromBytes(SECRET));
    E2eeManager m = fromGuice(new AbstractModule() {
      @Override
      protected void configure() {
        E2eeModule.replaceKeyProvider(binder()).toInstance(mine);
      }
    });
    assertSame(mine, m.keyProvider());
    assertFalse(m.ownsKeyProvider());
    m.close();
    assertNotNull(mine.keyHandler(ALICE).keyOrNull(0), "a provider the manager does not own keeps its keys");
  }

  @Test
  void userModule_keyProviderOptions_reachTheDefaultProvider() {
    KeyProviderOptions shared = KeyProviderOptions.builder().sharedKey(true).keySizeBits(256).build();
    try (E2eeManager m = fromGuice(new AbstractModule() {
      @Override
      protected void configure() {
        E2eeModule.keyProviderOptions(binder()).toInstance(shared);
      }
    })) {
      assertEquals(shared, m.keyProvider().options());
      assertTrue(m.ownsKeyProvider());
    }
  }
}
