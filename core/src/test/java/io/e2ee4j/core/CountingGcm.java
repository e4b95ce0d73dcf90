package io.e2ee4j.core;

import io.e2ee4j.api.spi.Aead;
import io.e2ee4j.api.spi.EncryptionType;
import java.security.GeneralSecurityException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The installed "gcm" under an id of the test's choice ("gcm" by default), counting the ciphers it
 * makes: shows which instance a manager really uses.
 */
public class CountingGcm implements EncryptionType {
  // The installed gcm, found as the manager finds it (core names no plugin class, not even in tests).
  private final EncryptionType gcm = EncryptionTypeCatalog.loadInstalled().get("gcm");
  private final AtomicInteger made = new AtomicInteger();
  private final String id;

  public CountingGcm() {
    this("gcm");
  }

  public CountingGcm(String id) {
    this.id = id;
  }

  public int aeadsMade() {
    return made.get();
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public int ivLengthBytes() {
    return gcm.ivLengthBytes();
  }

  @Override
  public int tagLengthBytes() {
    return gcm.tagLengthBytes();
  }

  @Override
  public boolean supportsKeyLength(int keyLengthBytes) {
    return gcm.supportsKeyLength(keyLengthBytes);
  }

  @Override
  public Aead newAead(byte[] key) throws GeneralSecurityException {
    made.incrementAndGet();
    return gcm.newAead(key);
  }
}
