package io.e2ee4j.cipher.custom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.e2ee4j.api.spi.EncryptionType;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The ready types are registered twice (module descriptor and META-INF/services); "custom" is not registered at all. */
class RegistrationTest {

  private static final Set<String> READY = Set.of(ChaCha20Poly1305EncryptionType.class.getName(),
      AesGcmSivEncryptionType.class.getName());

  @Test
  void moduleDescriptor_providesBothReadyTypes_andExportsNoInternals() {
    Module module = ChaCha20Poly1305EncryptionType.class.getModule();
    assertTrue(module.isNamed(), "Surefire runs this module's tests on the module path");
    ModuleDescriptor descriptor = module.getDescriptor();
    List<String> providers = descriptor.provides().stream()
        .filter(p -> p.service().equals(EncryptionType.class.getName()))
        .flatMap(p -> p.providers().stream())
        .toList();
    assertEquals(READY, Set.copyOf(providers));
    assertEquals(Set.of("io.e2ee4j.cipher.custom"),
        descriptor.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()));
  }

  @Test
  void metaInfServices_listsBothReadyTypes_forClassPathUsers() throws IOException {
    try (InputStream in = ChaCha20Poly1305EncryptionType.class.getModule()
        .getResourceAsStream("META-INF/services/" + EncryptionType.class.getName())) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(READY, Set.copyOf(text.lines().map(String::trim).filter(l -> !l.isEmpty()).toList()));
    }
  }

  @Test
  void readyTypes_haveDistinctIds_noneOfThemCustom() {
    Set<String> ids = Set.of(new ChaCha20Poly1305EncryptionType().id(), new AesGcmSivEncryptionType().id());
    assertEquals(Set.of("chacha20-poly1305", "aes-gcm-siv"), ids);
  }
}
