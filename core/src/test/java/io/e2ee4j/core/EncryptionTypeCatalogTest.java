package io.e2ee4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.e2ee4j.api.spi.Aead;
import io.e2ee4j.api.spi.EncryptionType;
import java.util.List;
import org.junit.jupiter.api.Test;

class EncryptionTypeCatalogTest {

  /** A type that only has a name; enough for catalogue rules. */
  static class NamedType implements EncryptionType {
    private final String id;

    NamedType(String id) {
      this.id = id;
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public int ivLengthBytes() {
      return 12;
    }

    @Override
    public int tagLengthBytes() {
      return 16;
    }

    @Override
    public boolean supportsKeyLength(int keyLengthBytes) {
      return true;
    }

    @Override
    public Aead newAead(byte[] key) {
      throw new UnsupportedOperationException();
    }
  }

  static final class OtherNamedType extends NamedType {
    OtherNamedType(String id) {
      super(id);
    }
  }

  @Test
  void loadInstalled_findsGcmThroughServiceLoader() {
    EncryptionTypeCatalog catalog = EncryptionTypeCatalog.loadInstalled();
    assertTrue(catalog.ids().contains("gcm"), catalog.toString());
    assertEquals("gcm", catalog.get("gcm").id());
  }

  @Test
  void get_unknownId_listsInstalledIds() {
    EncryptionTypeCatalog catalog = EncryptionTypeCatalog.of(List.of(new NamedType("gcm"), new NamedType("rot")));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> catalog.get("chacha"));
    assertTrue(e.getMessage().contains("'chacha'"), e.getMessage());
    assertTrue(e.getMessage().contains("gcm, rot"), e.getMessage());
  }

  @Test
  void get_onEmptyCatalog_saysNoneIsInstalled() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> EncryptionTypeCatalog.of(List.of()).get("gcm"));
    assertTrue(e.getMessage().contains("none"), e.getMessage());
  }

  @Test
  void of_twoTypesWithOneId_failsNamingBothClasses() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> EncryptionTypeCatalog.of(List.of(new NamedType("gcm"), new OtherNamedType("gcm"))));
    assertTrue(e.getMessage().contains(NamedType.class.getName()), e.getMessage());
    assertTrue(e.getMessage().contains(OtherNamedType.class.getName()), e.getMessage());
  }

  @Test
  void with_replacesOrAdds_andLeavesTheOriginalUnchanged() {
    NamedType gcm = new NamedType("gcm");
    EncryptionTypeCatalog original = EncryptionTypeCatalog.of(List.of(gcm));
    NamedType mine = new OtherNamedType("gcm");
    EncryptionTypeCatalog changed = original.with(mine).with(new NamedType("extra"));
    assertSame(mine, changed.get("gcm"));
    assertSame(gcm, original.get("gcm"));
    assertEquals(List.of("gcm", "extra"), List.copyOf(changed.ids()));
    assertThrows(UnsupportedOperationException.class, () -> changed.ids().clear());
  }
}
