package io.e2ee4j.transport.webrtc;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * An independent, deliberately simple rendering of LiveKit's frame layout straight from the spec
 * (sections 1.1, 1.5, 3.2), used to check the cryptor's bytes: HKDF key derivation, AES-GCM with
 * the header as AAD, the trailer, and RBSP escaping.
 */
final class Reference {

  private Reference() {}

  /** HKDF-SHA256(material, salt "LKFrameEncryptionKey", info 128 zero bytes), first {@code n <= 32} bytes. */
  static byte[] hkdfKey(byte[] material, int n) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec("LKFrameEncryptionKey".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    byte[] prk = mac.doFinal(material);
    mac.init(new SecretKeySpec(prk, "HmacSHA256"));
    mac.update(new byte[128]);
    mac.update((byte) 1);
    return Arrays.copyOf(mac.doFinal(), n);
  }

  static byte[] hkdfKey(String material, int n) throws Exception {
    return hkdfKey(material.getBytes(StandardCharsets.UTF_8), n);
  }

  /** {@code header || escape?(GCM(key, iv, aad=header, body) || iv || 0x0C || keyIndex)}. */
  static byte[] frame(byte[] key, byte[] iv, int keyIndex, byte[] header, byte[] body, boolean escape)
      throws Exception {
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
    c.updateAAD(header);
    byte[] ct = c.doFinal(body);
    ByteArrayOutputStream tail = new ByteArrayOutputStream();
    tail.writeBytes(ct);
    tail.writeBytes(iv);
    tail.write(iv.length);
    tail.write(keyIndex);
    byte[] t = escape ? escape(tail.toByteArray()) : tail.toByteArray();
    return concat(header, t);
  }

  /** Spec 1.5 escape. */
  static byte[] escape(byte[] in) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int zeros = 0;
    for (byte b : in) {
      if (zeros >= 2 && (b & 0xFF) <= 3) {
        out.write(3);
        zeros = 0;
      }
      out.write(b);
      zeros = b == 0 ? zeros + 1 : 0;
    }
    return out.toByteArray();
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  static byte[] range(byte[] b, int from, int to) {
    return Arrays.copyOfRange(b, from, to);
  }
}
