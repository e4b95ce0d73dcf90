package io.e2ee4j.cipher.gcm.internal;

import java.security.Provider;

/**
 * The only class that names Conscrypt. Loading it without Conscrypt on the path throws {@link
 * NoClassDefFoundError}, which {@link GcmProviders} catches.
 */
final class ConscryptLoader {

  private ConscryptLoader() {}

  static Provider newProviderOrNull() {
    if (!org.conscrypt.Conscrypt.isAvailable()) {
      return null;
    }
    return org.conscrypt.Conscrypt.newProvider();
  }
}
