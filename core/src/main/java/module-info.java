/**
 * Key management (key rings, shared and per-participant keys, KDFs, ratchet, failure tolerance),
 * plugin discovery (the project's only {@link java.util.ServiceLoader} use) and, with Guice, the
 * {@code E2eeManager}.
 *
 * <p>Logger names: {@code io.e2ee4j.core.*} (class names).
 */
module io.e2ee4j.core {
  requires transitive io.e2ee4j.api;

  exports io.e2ee4j.core;

  uses io.e2ee4j.api.spi.EncryptionType;
}
