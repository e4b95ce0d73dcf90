package io.e2ee4j.plugintests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.e2ee4j.api.media.FrameResult;
import io.e2ee4j.api.spi.EncryptionType;
import io.e2ee4j.core.E2eeManager;
import io.e2ee4j.core.EncryptionTypeCatalog;
import io.e2ee4j.transport.datachannel.DataPackets;
import java.net.URLClassLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The plugin story: test-plugin's jar (module {@code com.example.cipher.ctrhmac}, on {@code
 * e2ee4j-api} alone) is not on this test's path; it is loaded at run time into a new {@link
 * ModuleLayer}, and separately through a class loader, and a room runs on it. Core finds it only
 * through the layer or loader it is handed.
 */
class ThirdPartyPluginTest {

  @Test
  void plugin_isNotOnTheTestPath_soCoreDoesNotFindItByItself() {
    assertFalse(EncryptionTypeCatalog.loadInstalled().ids().contains(TestPlugin.TYPE_ID),
        EncryptionTypeCatalog.loadInstalled().toString());
    assertThrows(ClassNotFoundException.class,
        () -> Class.forName(TestPlugin.TYPE_CLASS, false, ClassLoader.getSystemClassLoader()));
  }

  @Test
  void pluginInANewModuleLayer_isFoundAsANamedModule_andARoomRunsOnIt() {
    ModuleLayer layer = TestPlugin.newLayer();
    EncryptionTypeCatalog found = EncryptionTypeCatalog.load(layer);
    EncryptionType plugin = found.get(TestPlugin.TYPE_ID);

    Module module = plugin.getClass().getModule();
    assertTrue(module.isNamed());
    assertEquals(TestPlugin.MODULE, module.getName());
    assertEquals(layer, module.getLayer());
    assertNotSame(ClassLoader.getSystemClassLoader(), plugin.getClass().getClassLoader());
    assertEquals(16, plugin.ivLengthBytes(), "the plugin's own IV length");

    runRoom(EncryptionTypeCatalog.loadInstalled().with(plugin), plugin);
  }

  @Test
  void pluginOnAClassLoader_isFoundThroughMetaInfServices_andARoomRunsOnIt() throws Exception {
    try (URLClassLoader loader = TestPlugin.newClassLoader()) {
      EncryptionTypeCatalog found = EncryptionTypeCatalog.load(loader);
      EncryptionType plugin = found.get(TestPlugin.TYPE_ID);

      assertFalse(plugin.getClass().getModule().isNamed(), "class path: the loader's unnamed module");
      assertEquals(loader, plugin.getClass().getClassLoader());
      assertTrue(found.ids().containsAll(List.of("gcm", "chacha20-poly1305", "aes-gcm-siv")),
          "the loader also sees the parent's types: " + found);

      runRoom(found, plugin);
    }
  }

  private static void runRoom(EncryptionTypeCatalog types, EncryptionType plugin) {
    try (E2eeManager alice = Room.member(types, TestPlugin.TYPE_ID);
        E2eeManager bob = Room.member(types, TestPlugin.TYPE_ID)) {
      assertEquals(TestPlugin.TYPE_ID, alice.frameEncryptionTypeId());
      assertEquals(plugin, alice.frameEncryptionType());
      Room.Exchange x = Room.exchange(alice, bob);

      assertEquals(FrameResult.Status.ENCRYPTED, x.sentAudio().status(), x.sentAudio().describe());
      // Opus keeps 1 clear byte; then ciphertext, the 16-byte tag, the 16-byte IV, the IV length and the key index.
      assertEquals(Room.AUDIO.length + 16 + 16 + 2, x.sentAudio().length());
      assertEquals(FrameResult.Status.DECRYPTED, x.receivedAudio().status(), x.receivedAudio().describe());
      assertArrayEquals(Room.AUDIO, Room.bytes(x.receivedAudio().output()));
      assertEquals(FrameResult.Status.DECRYPTED, x.receivedVideo().status(), x.receivedVideo().describe());
      assertArrayEquals(Room.VIDEO, Room.bytes(x.receivedVideo().output()));
      assertTrue(x.receivedData().isOk(), x.receivedData().describe());
      assertArrayEquals(Room.DATA, DataPackets.userPayloadOrNull(x.receivedData().packet()));
    }
  }
}
