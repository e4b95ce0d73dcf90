package io.e2ee4j.api;

import io.e2ee4j.api.spi.Aead;
import io.e2ee4j.api.spi.EncryptionType;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.security.auth.Destroyable;

/**
 * One derived encryption key in a key-ring slot, with the IV source that goes with it.
 *
 * <p><b>IV construction.</b> Every IV this object issues is {@code prefix || counter}: a random
 * prefix of {@code ivLength - 4} bytes drawn from {@link SecureRandom} when the key is created,
 * then a 32-bit big-endian counter that starts at 0 and is shared by every user of this key in
 * this process (all tracks and the data channel). So no IV repeats under this key in this process,
 * and two senders holding the same key (shared-key rooms) collide only if their 64-bit (or longer)
 * random prefixes are equal. The limit is {@link #MAX_IVS_PER_KEY} IVs per key: past it {@link
 * #nextIv} refuses, and the caller must drop the frame and ask for a new key (a ratchet or a new
 * key index). Receivers read the IV from the trailer, so this construction interoperates with
 * LiveKit's SSRC/timestamp layout.
 *
 * <p>Holds a private copy of the key; no accessor returns it. {@link #destroy()} wipes it (best
 * effort; ciphers created earlier keep their own copy). {@code toString} shows the slot and the
 * length only. No {@code equals}/{@code hashCode} on the key bytes: use {@link #equalsKey}, which
 * is constant-time.
 *
 * <p>Thread-safe.
 */
public final class CryptoKey implements Destroyable {

  /** How many IVs one key issues before {@link #nextIv} refuses: 2^32. */
  public static final long MAX_IVS_PER_KEY = 1L << 32;

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int MAX_PREFIX = 32;

  private final int keyIndex;
  private final byte[] key;
  private final byte[] ivPrefix = new byte[MAX_PREFIX];
  private final AtomicLong ivsIssued = new AtomicLong();
  private final ConcurrentHashMap<EncryptionType, Aead> aeads = new ConcurrentHashMap<>(2);
  private volatile boolean destroyed;

  private CryptoKey(int keyIndex, byte[] key) {
    this.keyIndex = keyIndex;
    this.key = key;
    RANDOM.nextBytes(ivPrefix);
  }

  /**
   * A key for slot {@code keyIndex}. The bytes are copied.
   *
   * @throws IllegalArgumentException if the index is outside 0..255 or the key is empty
   */
  public static CryptoKey of(int keyIndex, byte[] key) {
    KeyIndex.check(keyIndex);
    Objects.requireNonNull(key, "key is null");
    if (key.length == 0) {
      throw new IllegalArgumentException("key is empty");
    }
    return new CryptoKey(keyIndex, key.clone());
  }

  /** The key-ring slot this key sits in: the index a sender writes into the trailer. */
  public int keyIndex() {
    return keyIndex;
  }

  /** The key length in bytes (16 for AES-128, 32 for AES-256). */
  public int lengthBytes() {
    return key.length;
  }

  /**
   * The cipher of {@code type} bound to this key, created once per type and then reused.
   *
   * @throws GeneralSecurityException if the type refuses this key
   * @throws IllegalStateException if the key was destroyed
   */
  public Aead aead(EncryptionType type) throws GeneralSecurityException {
    Aead aead = aeads.get(type);
    if (aead != null) {
      return aead;
    }
    if (destroyed) {
      throw new IllegalStateException("key destroyed");
    }
    aead = type.newAead(key);
    Aead raced = aeads.putIfAbsent(type, aead);
    // destroy() sets the flag before it wipes the bytes: a cipher made while it ran may hold the
    // wiped (all-zero) key, a key everybody knows. Never hand it out, nor leave it cached.
    if (destroyed) {
      aeads.clear();
      throw new IllegalStateException("key destroyed");
    }
    return raced != null ? raced : aead;
  }

  /**
   * Writes the next IV of {@code ivLength} bytes at {@code dst}'s position and advances it.
   *
   * @param ivLength 8 to 36 bytes
   * @return false, writing nothing, when this key has issued {@link #MAX_IVS_PER_KEY} IVs or was
   *     destroyed; the caller must not encrypt then
   * @throws IllegalArgumentException for an IV length outside 8..36
   * @throws java.nio.BufferOverflowException if {@code dst} has less than {@code ivLength} bytes
   *     remaining
   */
  public boolean nextIv(ByteBuffer dst, int ivLength) {
    if (ivLength < 8 || ivLength > MAX_PREFIX + 4) {
      throw new IllegalArgumentException("IV length must be 8..36, was " + ivLength);
    }
    if (dst.remaining() < ivLength) {
      throw new java.nio.BufferOverflowException();
    }
    if (destroyed) {
      return false;
    }
    long n = ivsIssued.getAndUpdate(v -> v < MAX_IVS_PER_KEY ? v + 1 : v);
    if (n >= MAX_IVS_PER_KEY) {
      return false;
    }
    dst.put(ivPrefix, 0, ivLength - 4);
    dst.putInt((int) n);
    return true;
  }

  /** Moves the IV counter forward, so tests can reach the limit without 2^32 calls. */
  void skipIvsForTesting(long count) {
    ivsIssued.addAndGet(count);
  }

  /** How many IVs this key has issued. */
  public long ivsIssued() {
    return ivsIssued.get();
  }

  /** Constant-time comparison of the key bytes. */
  public boolean equalsKey(CryptoKey other) {
    return other != null && MessageDigest.isEqual(key, other.key);
  }

  /** Wipes the key bytes and forgets the ciphers (best effort); {@link #nextIv} refuses afterwards. */
  @Override
  public void destroy() {
    destroyed = true;
    aeads.clear();
    Arrays.fill(key, (byte) 0);
  }

  @Override
  public boolean isDestroyed() {
    return destroyed;
  }

  /** Slot and length only, never key bytes. */
  @Override
  public String toString() {
    return "CryptoKey[keyIndex=" + keyIndex + ", " + key.length + " bytes]";
  }
}
