package io.e2ee4j.plugintests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/** Where the test-plugin build output is, and how to load it at run time. */
final class TestPlugin {

  static final String MODULE = "com.example.cipher.ctrhmac";
  static final String TYPE_ID = "example-aes-ctr-hmac";
  static final String TYPE_CLASS = "com.example.cipher.ctrhmac.AesCtrHmacEncryptionType";

  private TestPlugin() {}

  /** The jar (or, in a reactor run that stops before packaging, the classes folder) Maven resolved. */
  static Path path() {
    String configured = System.getProperty("e2ee4j.testPlugin");
    assertTrue(configured != null && !configured.isBlank() && !configured.startsWith("${"),
        "system property e2ee4j.testPlugin is not set: run through Maven (plugin-tests/pom.xml sets it)");
    Path path = Path.of(configured);
    assertTrue(Files.exists(path), "test-plugin build output absent: " + path);
    return path;
  }

  /** A new layer over the boot layer holding the plugin module, with one new class loader. */
  static ModuleLayer newLayer() {
    ModuleFinder finder = ModuleFinder.of(path());
    ModuleLayer boot = ModuleLayer.boot();
    Configuration config = boot.configuration().resolveAndBind(finder, ModuleFinder.of(), Set.of(MODULE));
    return boot.defineModulesWithOneLoader(config, ClassLoader.getSystemClassLoader());
  }

  /** A new class loader whose class path is the plugin alone (parent: the application loader). */
  static URLClassLoader newClassLoader() {
    try {
      URL url = path().toUri().toURL();
      return new URLClassLoader("test-plugin", new URL[] {url}, ClassLoader.getSystemClassLoader());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
