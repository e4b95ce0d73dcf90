/**
 * The {@code "gcm"} encryption type: AES-128/256-GCM with a 12-byte IV and a 16-byte tag, LiveKit's
 * cipher. Uses the JDK's provider, or Conscrypt when it is on the path, loads, and passes a
 * known-answer self-test. Set the system property {@code io.e2ee4j.cipher.gcm.provider} to {@code
 * jdk} or {@code conscrypt} to force one.
 *
 * <p>Logger name: {@code io.e2ee4j.cipher.gcm}.
 */
module io.e2ee4j.cipher.gcm {
  requires io.e2ee4j.api;
  // Optional: used when present (module path: add it with --add-modules org.conscrypt).
  requires static org.conscrypt;

  exports io.e2ee4j.cipher.gcm;

  provides io.e2ee4j.api.spi.EncryptionType with io.e2ee4j.cipher.gcm.AesGcmEncryptionType;
}
