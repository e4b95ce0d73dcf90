package io.e2ee4j.transport.webrtc;

import io.e2ee4j.api.E2eeState;
import io.e2ee4j.api.E2eeStateEvent;
import io.e2ee4j.api.E2eeStateEvent.Direction;
import io.e2ee4j.api.KeyHandler;
import io.e2ee4j.api.KeyMaterial;
import io.e2ee4j.api.KeyProviderOptions;
import io.e2ee4j.api.ParticipantId;
import io.e2ee4j.api.media.EncodedFrame;
import io.e2ee4j.api.media.FrameCryptor;
import io.e2ee4j.api.media.FrameCryptorConfig;
import io.e2ee4j.api.media.FrameResult;
import io.e2ee4j.api.spi.EncryptionType;
import io.e2ee4j.cipher.gcm.AesGcmEncryptionType;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/** Test scaffolding: a key provider, cryptors wired to it, and recorded state events. */
final class Rig {

  static final EncryptionType GCM = new AesGcmEncryptionType();
  static final ParticipantId ALICE = ParticipantId.of("alice");
  static final HexFormat HEX = HexFormat.of();
  static final LiveKitFrameCryptorFactory FACTORY = new LiveKitFrameCryptorFactory();

  final KeyProviderOptions options;
  final TestKeys provider;
  final List<E2eeStateEvent> events = new CopyOnWriteArrayList<>();

  Rig(KeyProviderOptions options) {
    this.options = options;
    this.provider = new TestKeys(options);
  }

  /** Shared-key options with HKDF-able raw material (cheap), window and tolerance given. */
  static Rig shared(int window, int tolerance) {
    return new Rig(KeyProviderOptions.builder().sharedKey(true).ratchetWindowSize(window)
        .failureTolerance(tolerance).build());
  }

  /** Sets raw (HKDF) material as the shared key at {@code index}. */
  Rig sharedKey(int index, String rawMaterial) {
    provider.setSharedKey(index, KeyMaterial.fromBytes(rawMaterial.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    return this;
  }

  KeyHandler handler(ParticipantId p) {
    return provider.keyHandler(p);
  }

  FrameCryptor sender(ParticipantId p, UnaryOperator<FrameCryptorConfig.Builder> customize) {
    return FACTORY.create(customize.apply(FrameCryptorConfig.builder(p, "track-" + p, Direction.ENCRYPT,
        handler(p), GCM).options(options).stateListener(events::add)).build());
  }

  FrameCryptor sender() {
    return sender(ALICE, b -> b);
  }

  FrameCryptor receiver(ParticipantId p, UnaryOperator<FrameCryptorConfig.Builder> customize) {
    return FACTORY.create(customize.apply(FrameCryptorConfig.builder(p, "track-" + p, Direction.DECRYPT,
        handler(p), GCM).options(options).stateListener(events::add)).build());
  }

  FrameCryptor receiver() {
    return receiver(ALICE, b -> b);
  }

  List<E2eeState> states(Direction direction) {
    List<E2eeState> out = new ArrayList<>();
    for (E2eeStateEvent e : events) {
      if (e.direction() == direction) {
        out.add(e.state());
      }
    }
    return out;
  }

  static EncodedFrame audio(byte[] bytes) {
    return EncodedFrame.audio(ByteBuffer.wrap(bytes), "audio/opus", 0x1a2b3c4d, 48000, ALICE);
  }

  static EncodedFrame video(String mime, boolean key, byte[] bytes) {
    return EncodedFrame.video(ByteBuffer.wrap(bytes), mime, key, 0x0badf00d, 90000, ALICE);
  }

  /** The frame with other bytes, same metadata. */
  static EncodedFrame with(EncodedFrame frame, byte[] bytes) {
    return frame.withPayload(ByteBuffer.wrap(bytes));
  }

  static byte[] bytes(FrameResult r) {
    ByteBuffer b = r.output();
    byte[] a = new byte[b.remaining()];
    b.get(a);
    return a;
  }

  static byte[] hex(String s) {
    return HEX.parseHex(s);
  }

  static String hex(byte[] b) {
    return HEX.formatHex(b);
  }

  /** Deterministic pseudo-random bytes. */
  static byte[] random(long seed, int n) {
    byte[] b = new byte[n];
    new java.util.Random(seed).nextBytes(b);
    return b;
  }
}
