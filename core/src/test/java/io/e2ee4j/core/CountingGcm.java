package io.e2ee4j.core;

import io.e2ee4j.api.spi.Aead;
import io.e2ee4j.api.spi.EncryptionType;
import java.security.GeneralSecurityException;
import java.util.concurrent.atomic.AtomicInteger;

/** A "gcm" that counts the ciphers it makes: shows which instance a manager really uses. */
public final class CountingGcm implements EncryptionType {
  // The installed gcm, found as the manager finds it (core names no plugin class, not even in tests).
  private final EncryptionType gcm = EncryptionTypeCatalog.loadInstalled().get("gcm");
  private final AtomicInteger made = new AtomicInteger();

  public int aeadsMade() {
    return made.get();
  }

  @Override
  public String id() {
    return "gcm";
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
