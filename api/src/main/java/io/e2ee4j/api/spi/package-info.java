/**
 * The service provider interface for encryption types: implement {@link
 * io.e2ee4j.api.spi.EncryptionType} and register it with {@code provides ... with ...} in your
 * {@code module-info.java} and in {@code META-INF/services/io.e2ee4j.api.spi.EncryptionType}.
 */
package io.e2ee4j.api.spi;
