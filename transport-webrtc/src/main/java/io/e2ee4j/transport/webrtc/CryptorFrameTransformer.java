package io.e2ee4j.transport.webrtc;

import io.e2ee4j.api.media.EncodedFrame;
import io.e2ee4j.api.media.FrameCryptor;
import io.e2ee4j.api.media.FrameResult;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * A {@link FrameTransformer} that runs every frame through a {@link FrameCryptor} and hands the
 * forwarded ones, with their new payload, to the sink of their SSRC (or the default sink).
 *
 * <p>Each frame's output goes into a buffer from the allocator ({@code ByteBuffer::allocate} by
 * default), sized with {@link FrameCryptor#maxOutputSize}; the sink owns it afterwards. Frames with
 * no sink are counted ({@link #framesWithoutSink()}) and dropped, as libwebrtc does. Thread-safe.
 */
public final class CryptorFrameTransformer implements FrameTransformer {

  private static final Logger LOG = System.getLogger(CryptorFrameTransformer.class.getName());

  private final FrameCryptor cryptor;
  private final IntFunction<ByteBuffer> allocator;
  private final ConcurrentHashMap<Integer, FrameSink> sinks = new ConcurrentHashMap<>();
  private final AtomicLong forwarded = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong withoutSink = new AtomicLong();
  private volatile FrameSink defaultSink;

  /** A transformer over {@code cryptor} that allocates heap buffers for the output. */
  public CryptorFrameTransformer(FrameCryptor cryptor) {
    this(cryptor, ByteBuffer::allocate);
  }

  /**
   * @param allocator gives a buffer with at least the requested bytes remaining (for example from
   *     a pool the sink returns buffers to)
   */
  public CryptorFrameTransformer(FrameCryptor cryptor, IntFunction<ByteBuffer> allocator) {
    this.cryptor = Objects.requireNonNull(cryptor, "cryptor is null");
    this.allocator = Objects.requireNonNull(allocator, "allocator is null");
  }

  /** The cryptor frames go through. */
  public FrameCryptor cryptor() {
    return cryptor;
  }

  @Override
  public void transform(EncodedFrame frame) {
    FrameSink sink = sinks.get(frame.ssrc());
    if (sink == null) {
      sink = defaultSink;
    }
    if (sink == null) {
      if (withoutSink.getAndIncrement() == 0) {
        LOG.log(Level.WARNING, "no sink registered for SSRC " + Integer.toUnsignedString(frame.ssrc())
            + "; frames are dropped");
      }
      return;
    }
    ByteBuffer out = allocator.apply(cryptor.maxOutputSize(frame.length()));
    FrameResult result = cryptor.process(frame, out);
    if (!result.isForwarded()) {
      dropped.incrementAndGet();
      return;
    }
    forwarded.incrementAndGet();
    sink.onTransformedFrame(frame.withPayload(result.output()).withMetadata(result.metadataOrNull()));
  }

  @Override
  public void registerSink(FrameSink sink) {
    this.defaultSink = Objects.requireNonNull(sink, "sink is null");
  }

  @Override
  public void registerSink(int ssrc, FrameSink sink) {
    sinks.put(ssrc, Objects.requireNonNull(sink, "sink is null"));
  }

  @Override
  public void unregisterSink() {
    this.defaultSink = null;
  }

  @Override
  public void unregisterSink(int ssrc) {
    sinks.remove(ssrc);
  }

  /** Frames handed to a sink. */
  public long framesForwarded() {
    return forwarded.get();
  }

  /** Frames the cryptor dropped. */
  public long framesDropped() {
    return dropped.get();
  }

  /** Frames that found no sink. */
  public long framesWithoutSink() {
    return withoutSink.get();
  }

  @Override
  public String toString() {
    return "CryptorFrameTransformer[" + cryptor + ", forwarded=" + forwarded + ", dropped=" + dropped + "]";
  }
}
