/**
 * Key management (key rings, shared and per-participant keys, KDFs, ratchet, failure tolerance),
 * plugin discovery (the project's only {@link java.util.ServiceLoader} use), and the {@link
 * io.e2ee4j.core.E2eeManager} with its optional Guice module {@link io.e2ee4j.core.guice.E2eeModule}.
 *
 * <p>Guice is optional at run time: {@code io.e2ee4j.core.guice} needs {@code com.google.guice} and
 * {@code jakarta.inject} on the path; everything else works without them ({@code
 * E2eeManager.builder()}).
 *
 * <p>Logger names: {@code io.e2ee4j.core.*} (class names).
 */
module io.e2ee4j.core {
  requires transitive io.e2ee4j.api;
  // Optional: only io.e2ee4j.core.guice uses them. Guice 7 is an automatic module; its API
  // signatures name jakarta.inject types, which are not readable through it.
  requires static com.google.guice;
  requires static jakarta.inject;

  exports io.e2ee4j.core;
  exports io.e2ee4j.core.guice;

  // E2eeModule's @Provides methods are called by Guice through reflection. Surefire's class-path
  // launch hides a missing opens; E2eeModuleLaunchTest starts a real `java -p ... -m` to prove it.
  opens io.e2ee4j.core.guice to com.google.guice;

  uses io.e2ee4j.api.spi.EncryptionType;
  uses io.e2ee4j.api.media.FrameCryptorFactory;
}
