/**
 * Key management (key rings, shared and per-participant keys, KDFs, ratchet, failure tolerance),
 * plugin discovery (the project's only {@link java.util.ServiceLoader} use), and the {@link
 * io.e2ee4j.core.E2eeManager} with its optional Guice module {@link io.e2ee4j.core.guice.E2eeModule}.
 *
 * <p>Guice is optional at run time: only {@code io.e2ee4j.core.guice} needs {@code
 * com.google.guice}; everything else works without it ({@code E2eeManager.builder()}). {@code
 * jakarta.inject}, which Guice needs, is always required.
 *
 * <p>Logger names: {@code io.e2ee4j.core.*} (class names).
 */
module io.e2ee4j.core {
  requires transitive io.e2ee4j.api;
  // Optional: only io.e2ee4j.core.guice uses Guice; an application that uses E2eeModule requires
  // com.google.guice itself, which resolves it. Transitive because E2eeModule's public API names
  // Guice types (AbstractModule, Binder, MapBinder).
  requires static transitive com.google.guice;
  // Not static: Guice 7 (an automatic module, no requires of its own) needs jakarta.inject at run
  // time, and with `requires static` nothing resolves it under `java -p ... -m`
  // (ClassNotFoundException: jakarta.inject.Provider; E2eeModuleLaunchTest). It is a tiny jar that
  // comes with Guice.
  requires jakarta.inject;

  exports io.e2ee4j.core;
  exports io.e2ee4j.core.guice;

  // E2eeModule's @Provides methods are called by Guice through reflection. Surefire's class-path
  // launch hides a missing opens; E2eeModuleLaunchTest starts a real `java -p ... -m` to prove it.
  opens io.e2ee4j.core.guice to com.google.guice;

  uses io.e2ee4j.api.spi.EncryptionType;
  uses io.e2ee4j.api.media.FrameCryptorFactory;
  uses io.e2ee4j.api.data.DataPacketCryptorFactory;
}
