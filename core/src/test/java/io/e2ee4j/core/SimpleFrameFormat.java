package io.e2ee4j.core;

import io.e2ee4j.api.CryptoKey;
import io.e2ee4j.api.E2eeState;
import io.e2ee4j.api.E2eeStateEvent;
import io.e2ee4j.api.E2eeStateEvent.Direction;
import io.e2ee4j.api.KeyHandler;
import io.e2ee4j.api.media.EncodedFrame;
import io.e2ee4j.api.media.FrameCryptor;
import io.e2ee4j.api.media.FrameCryptorConfig;
import io.e2ee4j.api.media.FrameCryptorFactory;
import io.e2ee4j.api.media.FrameDropReason;
import io.e2ee4j.api.media.FrameMetadata;
import io.e2ee4j.api.media.FrameResult;
import io.e2ee4j.api.media.PassThroughReason;
import io.e2ee4j.api.media.UnencryptedFramePolicy;
import io.e2ee4j.api.spi.EncryptionType;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;

/**
 * A small frame format for core's tests, which cannot depend on transport-webrtc (it depends on
 * core): {@code ciphertext+tag || IV || keyIndex}, no clear header. It follows the {@link
 * FrameCryptor} contract where the manager relies on it: the config's key handler, encryption type,
 * switch, receive policy, and state changes reported once.
 */
public final class SimpleFrameFormat implements FrameCryptorFactory {

  static final String ID = "simple";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public FrameCryptor create(FrameCryptorConfig config) {
    return new Cryptor(config);
  }

  private static final class Cryptor implements FrameCryptor {
    private final FrameCryptorConfig config;
    private final EncryptionType type;
    private final KeyHandler keys;
    private volatile boolean enabled;
    private volatile boolean closed;
    private E2eeState state = E2eeState.NEW;
    private String reason = "";

    Cryptor(FrameCryptorConfig config) {
      this.config = config;
      this.type = config.encryptionType();
      this.keys = config.keyHandler();
      this.enabled = config.enabled();
    }

    @Override
    public FrameCryptorConfig config() {
      return config;
    }

    @Override
    public FrameResult process(EncodedFrame frame, ByteBuffer out) {
      if (closed) {
        return FrameResult.dropped(FrameDropReason.CLOSED, -1, null);
      }
      ByteBuffer in = frame.payload().duplicate();
      int start = out.position();
      if (!enabled) {
        if (config.direction() == Direction.DECRYPT
            && config.unencryptedFramePolicy() == UnencryptedFramePolicy.REFUSE_AND_REPORT) {
          return drop(FrameDropReason.PLAINTEXT_NOT_ALLOWED, -1);
        }
        out.put(in);
        return FrameResult.passedThrough(config.direction() == Direction.ENCRYPT ? PassThroughReason.DISABLED
            : PassThroughReason.UNENCRYPTED_ACCEPTED, out, start, out.position() - start, null);
      }
      try {
        if (config.direction() == Direction.ENCRYPT) {
          int index = keys.currentKeyIndex();
          CryptoKey key = keys.keyOrNull(index);
          if (key == null) {
            return drop(FrameDropReason.MISSING_KEY, index);
          }
          ByteBuffer iv = ByteBuffer.allocate(type.ivLengthBytes());
          key.nextIv(iv, type.ivLengthBytes());
          iv.flip();
          key.aead(type).seal(iv.duplicate(), ByteBuffer.allocate(0), in, out);
          out.put(iv).put((byte) index);
          change(E2eeState.OK, "");
          return FrameResult.transformed(FrameResult.Status.ENCRYPTED, out, start, out.position() - start, index,
              (FrameMetadata) null);
        }
        int n = in.remaining();
        int ivLen = type.ivLengthBytes();
        if (n < ivLen + type.tagLengthBytes() + 1) {
          return drop(FrameDropReason.MALFORMED_TRAILER, -1);
        }
        int index = in.get(in.position() + n - 1) & 0xff;
        CryptoKey key = keys.keyOrNull(index);
        if (key == null) {
          return drop(FrameDropReason.MISSING_KEY, index);
        }
        ByteBuffer iv = in.duplicate().position(in.position() + n - 1 - ivLen).limit(in.position() + n - 1);
        ByteBuffer body = in.duplicate().limit(in.position() + n - 1 - ivLen);
        try {
          key.aead(type).open(iv, ByteBuffer.allocate(0), body, out);
        } catch (GeneralSecurityException e) {
          out.position(start);
          return drop(FrameDropReason.AUTHENTICATION_FAILED, index);
        }
        change(E2eeState.OK, "");
        return FrameResult.transformed(FrameResult.Status.DECRYPTED, out, start, out.position() - start, index, null);
      } catch (GeneralSecurityException e) {
        out.position(start);
        return drop(FrameDropReason.ENCRYPTION_FAILED, -1);
      }
    }

    private FrameResult drop(FrameDropReason why, int index) {
      change(why.stateOrNull(), why.description() + (index >= 0 ? " at index " + index : ""));
      return FrameResult.dropped(why, index, null);
    }

    private synchronized void change(E2eeState next, String why) {
      if (next == null || next == state) {
        return;
      }
      state = next;
      reason = why;
      config.stateListener().onStateChanged(
          new E2eeStateEvent(config.participant(), config.trackId(), config.direction(), next, why));
    }

    @Override
    public int maxOutputSize(int frameLength) {
      return frameLength + type.ivLengthBytes() + type.tagLengthBytes() + 1;
    }

    @Override
    public void setEnabled(boolean on) {
      enabled = on;
    }

    @Override
    public boolean isEnabled() {
      return enabled;
    }

    @Override
    public void setCodecMimeType(String mimeType) {}

    @Override
    public synchronized E2eeState state() {
      return state;
    }

    @Override
    public synchronized String stateReason() {
      return reason;
    }

    @Override
    public FrameMetadata lastMetadataOrNull() {
      return null;
    }

    @Override
    public void close() {
      closed = true;
    }

    @Override
    public boolean isClosed() {
      return closed;
    }
  }
}
