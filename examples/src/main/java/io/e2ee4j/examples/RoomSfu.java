package io.e2ee4j.examples;

import io.e2ee4j.api.ParticipantId;
import io.e2ee4j.api.media.MediaKind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * An in-process selective forwarding unit: it gets each published frame as the wire carries it
 * (the encrypted payload plus what RTP and signalling say: sender, track, kind, codec, key-frame
 * flag, SSRC, RTP timestamp), keeps a copy of every payload it forwards, and hands the frame to
 * every other participant. It holds no key and never sees a participant's plaintext, which {@link
 * #framesContaining} lets the demo check.
 *
 * <p>Not thread-safe: the demo runs the room on one thread.
 */
final class RoomSfu {

  /** One frame as it crosses the network. The payload array is the SFU's own copy. */
  record WireFrame(ParticipantId sender, String trackId, MediaKind kind, String codecMimeType, boolean keyFrame,
      int ssrc, int rtpTimestamp, byte[] payload) {}

  private final Map<ParticipantId, Consumer<WireFrame>> subscribers = new LinkedHashMap<>();
  private final List<byte[]> forwardedPayloads = new ArrayList<>();
  private long forwardedFrames;
  private long forwardedBytes;

  /** Subscribes {@code participant} to everybody else's frames. */
  void join(ParticipantId participant, Consumer<WireFrame> receiver) {
    subscribers.put(participant, receiver);
  }

  /** Forwards a published frame to every participant but its sender. */
  void publish(WireFrame frame) {
    forwardedPayloads.add(frame.payload().clone());
    for (Map.Entry<ParticipantId, Consumer<WireFrame>> s : subscribers.entrySet()) {
      if (!s.getKey().equals(frame.sender())) {
        forwardedFrames++;
        forwardedBytes += frame.payload().length;
        s.getValue().accept(new WireFrame(frame.sender(), frame.trackId(), frame.kind(), frame.codecMimeType(),
            frame.keyFrame(), frame.ssrc(), frame.rtpTimestamp(), frame.payload().clone()));
      }
    }
  }

  /** Frames delivered to subscribers. */
  long forwardedFrames() {
    return forwardedFrames;
  }

  /** Payload bytes delivered to subscribers. */
  long forwardedBytes() {
    return forwardedBytes;
  }

  /** Distinct frames published through this SFU. */
  int publishedFrames() {
    return forwardedPayloads.size();
  }

  /** How many published payloads contain {@code needle} anywhere. */
  int framesContaining(byte[] needle) {
    int hits = 0;
    for (byte[] payload : forwardedPayloads) {
      if (indexOf(payload, needle) >= 0) {
        hits++;
      }
    }
    return hits;
  }

  /** How many published payloads contain the ASCII text {@code needle}. */
  int framesContaining(String needle) {
    return framesContaining(needle.getBytes(StandardCharsets.US_ASCII));
  }

  static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
