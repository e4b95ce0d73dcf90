package io.e2ee4j.examples;

import io.e2ee4j.api.CryptoKey;
import io.e2ee4j.api.KeyMaterial;
import io.e2ee4j.api.KeyProviderOptions;
import io.e2ee4j.api.ParticipantId;
import io.e2ee4j.api.spi.Aead;
import io.e2ee4j.api.spi.EncryptionType;
import io.e2ee4j.core.DefaultKeyProvider;
import io.e2ee4j.core.EncryptionTypeCatalog;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The smallest tour of e2ee4j's key handling: derive a LiveKit key from a passphrase, ratchet it,
 * export the material, and seal and open a message with the "gcm" type that {@link
 * java.util.ServiceLoader} finds. Key bytes are shown only as short SHA-256 fingerprints.
 */
public final class KeyDemo {

  private KeyDemo() {}

  /** Runs the tour, printing to standard output. */
  public static void main(String[] args) throws GeneralSecurityException {
    run(System.out);
  }

  /** Runs the tour, printing to {@code out}; returns the message after sealing and opening it. */
  public static String run(PrintStream out) throws GeneralSecurityException {
    EncryptionTypeCatalog catalog = EncryptionTypeCatalog.loadInstalled();
    out.println("encryption types found by ServiceLoader: " + catalog.ids());
    EncryptionType gcm = catalog.get("gcm");
    out.println("using: " + gcm.description());

    ParticipantId alice = ParticipantId.of("alice");
    try (DefaultKeyProvider keys = new DefaultKeyProvider(KeyProviderOptions.externalSharedKey())) {
      keys.setSharedKey(0, KeyMaterial.fromPassphrase("a passphrase everybody in the room knows"));
      out.println("shared key set at index 0 (PBKDF2-HMAC-SHA256, 100,000 iterations)");
      out.println("  material fingerprint: " + fingerprint(keys.exportSharedKey(0)));

      byte[] ratcheted = keys.ratchetSharedKey(0);
      out.println("ratcheted once: new material fingerprint " + fingerprint(ratcheted)
          + ", export agrees: " + MessageDigest.isEqual(ratcheted, keys.exportSharedKey(0)));

      CryptoKey key = keys.keyHandler(alice).keyOrNull(keys.currentKeyIndex(alice));
      Aead aead = key.aead(gcm);
      ByteBuffer iv = ByteBuffer.allocate(gcm.ivLengthBytes());
      key.nextIv(iv, gcm.ivLengthBytes());
      iv.flip();
      byte[] message = "hello from e2ee4j".getBytes(StandardCharsets.UTF_8);
      ByteBuffer sealed = ByteBuffer.allocate(message.length + gcm.tagLengthBytes());
      aead.seal(iv, ByteBuffer.allocate(0), ByteBuffer.wrap(message), sealed);
      sealed.flip();
      out.println("sealed " + message.length + " bytes into " + sealed.remaining() + " (IV " + HexFormat.of().formatHex(iv.array())
          + ")");
      ByteBuffer opened = ByteBuffer.allocate(message.length);
      aead.open(iv, ByteBuffer.allocate(0), sealed, opened);
      String text = new String(opened.array(), StandardCharsets.UTF_8);
      out.println("opened: \"" + text + "\"");
      return text;
    }
  }

  private static String fingerprint(byte[] secret) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret);
      return HexFormat.of().formatHex(digest, 0, 4) + "...";
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
