package io.e2ee4j.cli;

import io.e2ee4j.api.spi.EncryptionType;
import io.e2ee4j.core.EncryptionTypeCatalog;

/** The encryption types installed in this process, looked up once. */
final class Ciphers {

  private Ciphers() {}

  private static final class Holder {
    static final EncryptionTypeCatalog CATALOG = EncryptionTypeCatalog.loadInstalled();
  }

  /** LiveKit's cipher, {@code "gcm"}. */
  static EncryptionType gcm() {
    return Holder.CATALOG.get("gcm");
  }
}
