package io.e2ee4j.transport.webrtc.internal;

import io.e2ee4j.api.CryptoKey;
import io.e2ee4j.api.E2eeState;
import io.e2ee4j.api.E2eeStateEvent;
import io.e2ee4j.api.E2eeStateEvent.Direction;
import io.e2ee4j.api.KeyHandler;
import io.e2ee4j.api.media.EncodedFrame;
import io.e2ee4j.api.media.FrameCryptor;
import io.e2ee4j.api.media.FrameCryptorConfig;
import io.e2ee4j.api.media.FrameDropReason;
import io.e2ee4j.api.media.FrameMetadata;
import io.e2ee4j.api.media.FrameResult;
import io.e2ee4j.api.media.InsecureIvSource;
import io.e2ee4j.api.media.MediaKind;
import io.e2ee4j.api.media.PassThroughReason;
import io.e2ee4j.api.media.UnencryptedFramePolicy;
import io.e2ee4j.api.spi.Aead;
import io.e2ee4j.api.spi.EncryptionType;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A frame cryptor in LiveKit's frame format (spec sections 1, 2, 4.4, 4.5, 6):
 * {@code H || C || IV || L || K}, with L the encryption type's IV length and K the key-ring slot.
 *
 * <p>IVs come from {@link CryptoKey#nextIv}: a random per-key prefix and a 32-bit counter shared by
 * every user of the key in this process, so no IV repeats under a key; after 2^32 IVs the key
 * refuses and frames are dropped with {@link FrameDropReason#ENCRYPTION_FAILED} until a new key or a
 * ratchet is set. Receivers read the IV from the trailer, so this interoperates with LiveKit.
 *
 * <p>Thread-safe without locks: the per-frame path reads volatile fields and uses a per-thread
 * scratch buffer for H.264/H.265 escaping; states change by compare-and-set.
 */
public final class LiveKitFrameCryptor implements FrameCryptor {

  private static final Logger LOG = System.getLogger(LiveKitFrameCryptor.class.getName());
  private static final ThreadLocal<ByteBuffer[]> SCRATCH = ThreadLocal.withInitial(() -> new ByteBuffer[3]);
  private static final int TAIL = 0;
  private static final int IV = 1;
  private static final int AAD = 2;
  private static final int TRAILER_BYTES = 2;
  /**
   * Per-thread scratch buffers are kept up to this size (a large key frame); a larger frame gets a
   * buffer of its own that is dropped after the call, so one huge frame does not stay in memory.
   */
  static final int SCRATCH_RETAINED_BYTES = 1 << 20;
  /**
   * How often a frame whose key was replaced (and destroyed) under it is tried with the key that
   * replaced it; more than a key replaced every few microseconds needs.
   */
  private static final int KEY_REPLACED_RETRIES = 4;

  private final FrameCryptorConfig config;
  private final KeyHandler keys;
  private final EncryptionType type;
  private final int ivLength;
  private final int tagLength;
  private final int overhead;
  private final byte[] sifTrailer;
  private final int ratchetWindow;
  private final boolean discardWhenNotReady;
  private final boolean metadataTrailer;
  private final InsecureIvSource insecureIvSource;
  private final int maxFrameBytes;
  private final boolean encrypting;
  private final AtomicReference<StateAndReason> state = new AtomicReference<>(StateAndReason.INITIAL);
  private volatile boolean enabled;
  private volatile boolean closed;
  private volatile Codec trackCodec;
  private volatile FrameMetadata lastMetadata;

  /**
   * @throws IllegalArgumentException if the encryption type's IV length does not fit the trailer's
   *     length byte (1..255) or is below 8
   */
  public LiveKitFrameCryptor(FrameCryptorConfig config) {
    this.config = Objects.requireNonNull(config, "config is null");
    this.keys = config.keyHandler();
    this.type = config.encryptionType();
    this.ivLength = type.ivLengthBytes();
    this.tagLength = type.tagLengthBytes();
    if (ivLength < 8 || ivLength > 255) {
      throw new IllegalArgumentException("encryption type " + type.id() + " has IV length " + ivLength
          + "; LiveKit's trailer carries 8..255");
    }
    this.overhead = tagLength + ivLength + TRAILER_BYTES;
    this.sifTrailer = config.options().sifTrailer();
    this.ratchetWindow = config.options().ratchetWindowSize();
    this.discardWhenNotReady = config.options().discardFrameWhenCryptorNotReady();
    this.metadataTrailer = config.frameMetadataTrailer();
    this.insecureIvSource = config.insecureIvSourceOrNull();
    this.maxFrameBytes = config.maxFrameBytes();
    this.encrypting = config.direction() == Direction.ENCRYPT;
    this.enabled = config.enabled();
    this.trackCodec = Codec.fromMimeType(config.codecMimeTypeOrNull());
    if (insecureIvSource != null) {
      LOG.log(Level.WARNING, "frame cryptor for " + config.participant() + " track " + config.trackId()
          + " uses an INSECURE IV source: tests and interop only");
    }
  }

  @Override
  public FrameCryptorConfig config() {
    return config;
  }

  @Override
  public FrameResult process(EncodedFrame frame, ByteBuffer out) {
    Objects.requireNonNull(frame, "frame is null");
    Objects.requireNonNull(out, "out is null");
    if (closed) {
      return FrameResult.dropped(FrameDropReason.CLOSED, -1, null);
    }
    if (frame.payload().remaining() > maxFrameBytes) {
      report(encrypting ? E2eeState.ENCRYPTION_FAILED : E2eeState.DECRYPTION_FAILED, FrameDropReason.FRAME_TOO_LARGE, -1);
      return FrameResult.dropped(FrameDropReason.FRAME_TOO_LARGE, -1, null);
    }
    int outStart = out.position();
    try {
      return encrypting ? encrypt(frame, out) : decrypt(frame, out);
    } catch (RuntimeException | GeneralSecurityException e) {
      // Not reached by bad frames (they are dropped with a reason above); a bug or a provider
      // failure. Fail closed; the message names the class only, never key or frame bytes.
      out.position(outStart);
      LOG.log(Level.WARNING, "frame cryptor for " + config.participant() + " track " + config.trackId()
          + " dropped a frame after " + e.getClass().getName());
      report(E2eeState.INTERNAL_ERROR, FrameDropReason.INTERNAL_ERROR, -1);
      return FrameResult.dropped(FrameDropReason.INTERNAL_ERROR, -1, null);
    }
  }

  // ---------------------------------------------------------------- send

  private FrameResult encrypt(EncodedFrame frame, ByteBuffer out) throws GeneralSecurityException {
    ByteBuffer in = frame.payload();
    int off = in.position();
    int len = in.remaining();
    int outStart = out.position();
    if (len == 0) {
      return FrameResult.passedThrough(PassThroughReason.EMPTY_FRAME, out, outStart, 0, null);
    }
    if (!enabled) {
      if (discardWhenNotReady) {
        return FrameResult.dropped(FrameDropReason.NOT_READY, -1, null);
      }
      return copyThrough(PassThroughReason.DISABLED, in, off, len, out, null);
    }
    int keyIndex = keys.currentKeyIndex();
    CryptoKey key = keys.keyOrNull(keyIndex);
    if (key == null) {
      return drop(FrameDropReason.MISSING_KEY, keyIndex, null);
    }
    int header = ClearHeader.compute(frame.kind(), codecOf(frame), frame.keyFrame(), in, off, len);
    if (header == ClearHeader.UNSUPPORTED) {
      return drop(FrameDropReason.UNSUPPORTED_CODEC, -1, null);
    }
    boolean nal = (header & ClearHeader.NAL_FLAG) != 0;
    int n = header & ~ClearHeader.NAL_FLAG;
    if (n > len) {
      return drop(FrameDropReason.FRAME_TOO_SHORT, keyIndex, null);
    }
    // Receivers look for the trailer on video only (LiveKit JS), so only video frames carry one.
    FrameMetadata metadata = metadataTrailer && frame.kind() == MediaKind.VIDEO && frame.metadata() != null
        && !frame.metadata().isEmpty() ? frame.metadata() : null;
    int metadataLength = metadata == null ? 0 : MetadataTrailer.length(metadata);
    if (metadataLength > 255) {
      return drop(FrameDropReason.METADATA_TOO_LONG, keyIndex, null);
    }
    // A key replaced (and so destroyed) while this frame was on its way refuses to work; the frame
    // is then sealed under the key that replaced it, never dropped for the race.
    for (int attempt = 1; ; attempt++) {
      FrameResult sealed = null;
      try {
        sealed = seal(frame, in, off, len, n, nal, key, keyIndex, key.aead(type), metadata, metadataLength, out);
      } catch (IllegalStateException destroyed) {
        // the key was destroyed before its cipher was made: as a refused IV below
      } catch (GeneralSecurityException e) {
        out.position(outStart);
        return drop(FrameDropReason.ENCRYPTION_FAILED, keyIndex, null); // the type refuses this key
      }
      if (sealed != null) {
        return sealed;
      }
      CryptoKey replacement = keys.keyOrNull(keyIndex);
      if (attempt > KEY_REPLACED_RETRIES || !key.isDestroyed() || replacement == null || replacement == key) {
        out.position(outStart);
        return drop(FrameDropReason.ENCRYPTION_FAILED, keyIndex, null); // IVs used up, or no key
      }
      key = replacement;
    }
  }

  /** Seals into {@code out}; null, with nothing reported, when the key refuses an IV. */
  private FrameResult seal(EncodedFrame frame, ByteBuffer in, int off, int len, int n, boolean nal, CryptoKey key,
      int keyIndex, Aead aead, FrameMetadata metadata, int metadataLength, ByteBuffer out)
      throws GeneralSecurityException {
    int outStart = out.position();
    int plainLength = len - n;
    int tailLength = plainLength + overhead;
    ByteBuffer plaintext = in.slice(off + n, plainLength);
    int headerOut = n;
    int end;
    if (!nal) {
      if ((long) out.remaining() < (long) n + tailLength + metadataLength) {
        return FrameResult.dropped(FrameDropReason.OUTPUT_TOO_SMALL, keyIndex, null);
      }
      out.put(outStart, in, off, n);
      int ivAt = outStart + n + plainLength + tagLength;
      ByteBuffer iv = scratch(IV, ivLength);
      if (!writeIv(frame, key, iv)) {
        return null;
      }
      ByteBuffer aad = scratch(AAD, n);
      aad.put(0, in, off, n).limit(n);
      out.position(outStart + n);
      aead.seal(iv, aad, plaintext, out);
      out.put(ivAt, iv, 0, ivLength);
      out.put(ivAt + ivLength, (byte) ivLength);
      out.put(ivAt + ivLength + 1, (byte) keyIndex);
      end = outStart + n + tailLength;
    } else {
      headerOut = n + ClearHeader.normalisationGrowth(in, off, n);
      if ((long) out.remaining() < (long) headerOut + Rbsp.maxEscapedLength(tailLength) + metadataLength) {
        return FrameResult.dropped(FrameDropReason.OUTPUT_TOO_SMALL, keyIndex, null);
      }
      ClearHeader.writeNormalised(in, off, n, out, outStart);
      ByteBuffer scratch = scratch(TAIL, tailLength);
      int ivAt = plainLength + tagLength;
      ByteBuffer iv = scratch(IV, ivLength);
      if (!writeIv(frame, key, iv)) {
        return null;
      }
      ByteBuffer aad = scratch(AAD, headerOut);
      aad.put(0, out, outStart, headerOut).limit(headerOut);
      aead.seal(iv, aad, plaintext, scratch);
      scratch.put(ivAt, iv, 0, ivLength);
      scratch.put(ivAt + ivLength, (byte) ivLength);
      scratch.put(ivAt + ivLength + 1, (byte) keyIndex);
      end = outStart + headerOut + Rbsp.escape(scratch, 0, tailLength, out, outStart + headerOut);
    }
    // A receiver recomputes the clear header from the encrypted frame. If that would differ (a
    // NAL unit the JS scan ignores in the shorter plain frame, or start codes by chance in an
    // unescaped tail), the frame could never decrypt: refuse to send it broken.
    Codec codec = codecOf(frame);
    if (frame.kind() == MediaKind.VIDEO && (codec == Codec.H264 || codec == Codec.H265 || codec == Codec.UNKNOWN)) {
      int seen = ClearHeader.compute(frame.kind(), codec, frame.keyFrame(), out, outStart, end - outStart);
      if (seen != (nal ? headerOut | ClearHeader.NAL_FLAG : n)) {
        out.position(outStart);
        return drop(FrameDropReason.AMBIGUOUS_CLEAR_HEADER, keyIndex, null);
      }
    }
    if (metadata != null) {
      end += MetadataTrailer.write(metadata, out, end);
      lastMetadata = metadata;
    }
    out.position(end);
    report(E2eeState.OK, null, keyIndex);
    return FrameResult.transformed(FrameResult.Status.ENCRYPTED, out, outStart, end - outStart, keyIndex, metadata);
  }

  /**
   * Writes the IV into {@code iv} (a view of exactly the IV bytes) and flips it for reading; false if
   * the key refuses (IVs used up, or destroyed) or the insecure source fails.
   */
  private boolean writeIv(EncodedFrame frame, CryptoKey key, ByteBuffer iv) {
    if (insecureIvSource != null) {
      try {
        insecureIvSource.writeIv(frame, iv, ivLength);
      } catch (RuntimeException e) {
        return false;
      }
      if (iv.position() != ivLength) {
        return false;
      }
    } else if (!key.nextIv(iv, ivLength)) {
      return false;
    }
    iv.flip();
    return true;
  }

  // ---------------------------------------------------------------- receive

  private FrameResult decrypt(EncodedFrame frame, ByteBuffer out) throws GeneralSecurityException {
    ByteBuffer in = frame.payload();
    int off = in.position();
    int len = in.remaining();
    int outStart = out.position();
    FrameMetadata metadata = null;
    if (metadataTrailer && frame.kind() == MediaKind.VIDEO) {
      int trailer = MetadataTrailer.trailerLength(in, off, len);
      if (trailer > 0) {
        metadata = MetadataTrailer.parse(in, off, len, trailer);
        lastMetadata = metadata;
        len -= trailer;
      }
    }
    if (len == 0) {
      return FrameResult.passedThrough(PassThroughReason.EMPTY_FRAME, out, outStart, 0, metadata);
    }
    if (!enabled) {
      if (config.unencryptedFramePolicy() == UnencryptedFramePolicy.ACCEPT) {
        return copyThrough(PassThroughReason.UNENCRYPTED_ACCEPTED, in, off, len, out, metadata);
      }
      return drop(FrameDropReason.PLAINTEXT_NOT_ALLOWED, -1, metadata);
    }
    if (SifPayloads.endsWith(in, off, len, sifTrailer)) {
      int blank = len - sifTrailer.length;
      if (blank > 0 && SifPayloads.isKnown(in, off, blank)) {
        return copyThrough(PassThroughReason.SERVER_INJECTED_FRAME, in, off, blank, out, metadata);
      }
      return drop(FrameDropReason.UNKNOWN_SIF_PAYLOAD, -1, metadata);
    }
    // Spec 1.7: K is the last byte and L the one before it (escaping never changes either: L = 12
    // is never escaped, so nothing is inserted before K). L must be the IV length (native step 4).
    // Then, as JS orders it, an invalid slot drops without an attempt, and an empty one (or one
    // past the ring) is MISSING_KEY and counts against the slot (4.4). Only then is the frame taken
    // apart, so a frame too short for its trailer still reports the missing key, as JS and native do.
    int keyIndex = in.get(off + len - 1) & 0xFF;
    if (len >= TRAILER_BYTES && (in.get(off + len - 2) & 0xFF) != ivLength) {
      return drop(FrameDropReason.MALFORMED_TRAILER, keyIndex, metadata);
    }
    if (!keys.allowsAttempt(keyIndex)) {
      return drop(FrameDropReason.KEY_INVALID, keyIndex, metadata);
    }
    CryptoKey key = keys.keyOrNull(keyIndex);
    if (key == null) {
      keys.recordMissingKey(keyIndex);
      return drop(FrameDropReason.MISSING_KEY, keyIndex, metadata);
    }
    Codec codec = codecOf(frame);
    // AV1 is never sent by us; native m125 sends it with N = 0, so a receiver reads it that way.
    int header = frame.kind() == MediaKind.VIDEO && codec == Codec.AV1
        ? 0 : ClearHeader.compute(frame.kind(), codec, frame.keyFrame(), in, off, len);
    boolean nal = (header & ClearHeader.NAL_FLAG) != 0;
    int n = header & ~ClearHeader.NAL_FLAG;
    if ((long) n + overhead > len) {
      return drop(FrameDropReason.MALFORMED_TRAILER, keyIndex, metadata);
    }
    ByteBuffer tail;
    int tailOff;
    int tailLength;
    if (nal) {
      tail = scratch(TAIL, len - n);
      tailOff = 0;
      tailLength = Rbsp.unescape(in, off + n, len - n, tail, 0);
      if (tailLength < overhead) {
        return drop(FrameDropReason.MALFORMED_TRAILER, keyIndex, metadata);
      }
    } else {
      tail = in;
      tailOff = off + n;
      tailLength = len - n;
    }
    if ((tail.get(tailOff + tailLength - 2) & 0xFF) != ivLength) {
      return drop(FrameDropReason.MALFORMED_TRAILER, keyIndex, metadata);
    }
    int cipherLength = tailLength - ivLength - TRAILER_BYTES;
    int plainLength = cipherLength - tagLength;
    if (out.remaining() < n + plainLength) {
      return FrameResult.dropped(FrameDropReason.OUTPUT_TOO_SMALL, keyIndex, metadata);
    }
    out.put(outStart, in, off, n);
    ByteBuffer iv = tail.slice(tailOff + cipherLength, ivLength);
    ByteBuffer aad = in.slice(off, n);
    ByteBuffer ciphertext = tail.slice(tailOff, cipherLength);
    boolean opened = tryOpen(key, iv, aad, ciphertext, out, outStart + n);
    for (int retry = 1; !opened && key.isDestroyed() && retry <= KEY_REPLACED_RETRIES; retry++) {
      CryptoKey replacement = keys.keyOrNull(keyIndex); // the key was replaced while the frame was on its way
      if (replacement == null || replacement == key) {
        break;
      }
      key = replacement;
      opened = tryOpen(key, iv, aad, ciphertext, out, outStart + n);
    }
    if (opened) {
      keys.recordDecryptionSuccess(keyIndex);
      return decrypted(out, outStart, n + plainLength, keyIndex, metadata, E2eeState.OK, 0);
    }
    // Auto-ratchet: the steps derived so far, within the participant's trial budget. A step not
    // derived yet is requested from the key provider's derivation thread; this frame is dropped.
    FrameDropReason failure = FrameDropReason.AUTHENTICATION_FAILED;
    for (int step = 1; step <= ratchetWindow; step++) {
      CryptoKey candidate = keys.ratchetCandidateOrNull(key, step);
      if (candidate == null) {
        if (keys.keyOrNull(keyIndex) == key) {
          failure = FrameDropReason.RATCHET_PENDING;
        }
        break;
      }
      if (tryOpen(candidate, iv, aad, ciphertext, out, outStart + n)) {
        boolean stored = keys.acceptRatchetCandidate(key, candidate);
        return decrypted(out, outStart, n + plainLength, keyIndex, metadata,
            stored ? E2eeState.KEY_RATCHETED : E2eeState.OK, step);
      }
    }
    keys.recordDecryptionFailure(keyIndex);
    out.position(outStart);
    return drop(failure, keyIndex, metadata);
  }

  private boolean tryOpen(CryptoKey key, ByteBuffer iv, ByteBuffer aad, ByteBuffer ciphertext, ByteBuffer out,
      int at) {
    Aead aead;
    try {
      aead = key.aead(type);
    } catch (GeneralSecurityException | IllegalStateException e) {
      return false; // a key the type refuses, or one destroyed meanwhile, decrypts nothing
    }
    ciphertext.position(0);
    out.position(at);
    try {
      aead.open(iv, aad, ciphertext, out);
      return true;
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private FrameResult decrypted(ByteBuffer out, int outStart, int length, int keyIndex, FrameMetadata metadata,
      E2eeState newState, int ratchetSteps) {
    out.position(outStart + length);
    report(newState, null, ratchetSteps > 0 ? ratchetSteps : keyIndex);
    return FrameResult.transformed(FrameResult.Status.DECRYPTED, out, outStart, length, keyIndex, metadata);
  }

  // ---------------------------------------------------------------- shared

  private FrameResult copyThrough(PassThroughReason reason, ByteBuffer in, int off, int len, ByteBuffer out,
      FrameMetadata metadata) {
    int outStart = out.position();
    if (out.remaining() < len) {
      return FrameResult.dropped(FrameDropReason.OUTPUT_TOO_SMALL, -1, metadata);
    }
    out.put(outStart, in, off, len);
    out.position(outStart + len);
    return FrameResult.passedThrough(reason, out, outStart, len, metadata);
  }

  private FrameResult drop(FrameDropReason reason, int keyIndex, FrameMetadata metadata) {
    E2eeState s = reason.stateOrNull();
    if (s != null) {
      report(s, reason, keyIndex);
    }
    return FrameResult.dropped(reason, keyIndex, metadata);
  }

  private Codec codecOf(EncodedFrame frame) {
    Codec fromFrame = Codec.fromMimeType(frame.codecMimeType());
    return fromFrame != Codec.UNKNOWN ? fromFrame : trackCodec;
  }

  /**
   * A buffer of at least {@code capacity} bytes, cleared: the per-thread one, grown (doubling) when
   * too small up to {@link #SCRATCH_RETAINED_BYTES}; past that a new one for this call only.
   */
  private static ByteBuffer scratch(int which, int capacity) {
    if (capacity > SCRATCH_RETAINED_BYTES) {
      return ByteBuffer.allocate(capacity);
    }
    ByteBuffer[] holder = SCRATCH.get();
    ByteBuffer b = holder[which];
    if (b == null || b.capacity() < capacity) {
      int size = b == null ? Math.max(capacity, 256)
          : (int) Math.min(SCRATCH_RETAINED_BYTES, Math.max(capacity, 2L * b.capacity()));
      b = ByteBuffer.allocate(size);
      holder[which] = b;
    }
    b.clear();
    return b;
  }

  /**
   * Moves to {@code newState} and tells the listener, only if the state changes. The reason text is
   * built only then, so a flood of failing frames allocates nothing here.
   *
   * @param detail the key index for most reasons, the ratchet steps for KEY_RATCHETED
   */
  private void report(E2eeState newState, FrameDropReason reason, int detail) {
    StateAndReason current = state.get();
    if (current.state == newState) {
      return;
    }
    StateAndReason next = new StateAndReason(newState, reasonText(newState, reason, detail));
    while (true) {
      if (state.compareAndSet(current, next)) {
        break;
      }
      current = state.get();
      if (current.state == newState) {
        return;
      }
    }
    try {
      config.stateListener().onStateChanged(new E2eeStateEvent(config.participant(), config.trackId(),
          config.direction(), newState, next.reason));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "E2EE state listener threw " + e.getClass().getName());
    }
  }

  private String reasonText(E2eeState newState, FrameDropReason reason, int detail) {
    if (newState == E2eeState.OK) {
      return "";
    }
    if (newState == E2eeState.KEY_RATCHETED) {
      return "key auto-ratcheted " + detail + " step(s) for participant " + config.participant();
    }
    String text;
    switch (reason) {
      case MISSING_KEY:
        text = "missing key at index " + detail;
        break;
      case KEY_INVALID:
      case AUTHENTICATION_FAILED:
        text = reason.description() + " at index " + detail;
        break;
      case UNSUPPORTED_CODEC:
        text = "unsupported codec (AV1 cannot be end-to-end encrypted in LiveKit's format)";
        break;
      default:
        text = reason.description();
        break;
    }
    return text + " for participant " + config.participant();
  }

  @Override
  public int maxOutputSize(int frameLength) {
    if (frameLength < 0) {
      throw new IllegalArgumentException("frame length is negative: " + frameLength);
    }
    if (!encrypting) {
      return frameLength;
    }
    // Normalised header (at most 4/3 of the header) plus the escaped tail (at most 3/2 of it) stays
    // within 3/2 of frame plus overhead; plus the metadata trailer.
    long max = (3L * (frameLength + overhead)) / 2 + 2 + (metadataTrailer ? 255 : 0);
    return (int) Math.min(Integer.MAX_VALUE - 8, max);
  }

  @Override
  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  @Override
  public boolean isEnabled() {
    return enabled;
  }

  @Override
  public void setCodecMimeType(String mimeType) {
    this.trackCodec = Codec.fromMimeType(mimeType);
  }

  @Override
  public E2eeState state() {
    return state.get().state;
  }

  @Override
  public String stateReason() {
    return state.get().reason;
  }

  @Override
  public FrameMetadata lastMetadataOrNull() {
    return lastMetadata;
  }

  @Override
  public void close() {
    closed = true;
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  @Override
  public String toString() {
    return "LiveKitFrameCryptor[" + config.participant() + ", track " + config.trackId() + ", "
        + config.direction() + ", " + type.id() + ", " + state.get().state + (enabled ? "" : ", disabled")
        + (closed ? ", closed" : "") + "]";
  }

  private static final class StateAndReason {
    static final StateAndReason INITIAL = new StateAndReason(E2eeState.NEW, "");
    final E2eeState state;
    final String reason;

    StateAndReason(E2eeState state, String reason) {
      this.state = state;
      this.reason = reason;
    }
  }
}
