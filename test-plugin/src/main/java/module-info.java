/**
 * An example third-party encryption type for e2ee4j, written against {@code io.e2ee4j.api} alone:
 * {@code "example-aes-ctr-hmac"}, AES-CTR with HMAC-SHA-256 (encrypt-then-MAC) on the JDK's
 * providers, with a 16-byte IV.
 */
module com.example.cipher.ctrhmac {
  requires io.e2ee4j.api;

  provides io.e2ee4j.api.spi.EncryptionType with com.example.cipher.ctrhmac.AesCtrHmacEncryptionType;
}
