/**
 * The contracts of e2ee4j: the {@link io.e2ee4j.api.KeyProvider key provider}, its
 * {@link io.e2ee4j.api.KeyProviderOptions options}, encryption {@link io.e2ee4j.api.E2eeState
 * states}, value types, and the encryption-type SPI ({@link io.e2ee4j.api.spi}).
 *
 * <p>This module depends on nothing but {@code java.base}. Plugins (ciphers, transports) depend
 * on it alone.
 */
module io.e2ee4j.api {
  exports io.e2ee4j.api;
  exports io.e2ee4j.api.spi;
  exports io.e2ee4j.api.media;
  exports io.e2ee4j.api.data;
}
