package io.e2ee4j.examples;

import io.e2ee4j.api.E2eeState;
import io.e2ee4j.api.E2eeStateEvent;
import io.e2ee4j.api.E2eeStateEvent.Direction;
import io.e2ee4j.api.KeyProvider;
import io.e2ee4j.api.ParticipantId;
import io.e2ee4j.api.media.EncodedFrame;
import io.e2ee4j.api.media.FrameDropReason;
import io.e2ee4j.api.media.FrameResult;
import io.e2ee4j.api.media.MediaKind;
import io.e2ee4j.core.E2eeManager;
import io.e2ee4j.core.ManagedFrameCryptor;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One participant of the demo room: its own {@link E2eeManager} (as a separate process would have),
 * a sending cryptor per local track, a receiving cryptor per remote track (made when the track's
 * first frame arrives, as a subscription would), and counts of what happened to every frame.
 *
 * <p>Received frames are checked against the room's ledger of what each sender really sent; the
 * ledger stands in for "the decoder shows the right picture" and is never given to the SFU.
 *
 * <p>Not thread-safe: the demo runs the room on one thread.
 */
final class RoomParticipant implements AutoCloseable {

  /** The tracks every sending participant publishes. */
  enum Track {
    MIC("mic", MediaKind.AUDIO, "audio/opus", 960),
    CAMERA("camera", MediaKind.VIDEO, "video/VP8", 3000),
    SCREEN("screen", MediaKind.VIDEO, "video/H264", 3000);

    final String id;
    final MediaKind kind;
    final String mime;
    final int ticksPerRound;

    Track(String id, MediaKind kind, String mime, int ticksPerRound) {
      this.id = id;
      this.kind = kind;
      this.mime = mime;
      this.ticksPerRound = ticksPerRound;
    }
  }

  private final ParticipantId id;
  private final E2eeManager manager;
  private final RoomSfu sfu;
  private final Map<String, byte[]> ledger;
  private final RoomMedia media;
  private final Map<Track, ManagedFrameCryptor> senders = new EnumMap<>(Track.class);
  private final Map<String, ManagedFrameCryptor> receivers = new LinkedHashMap<>();
  private long sent;
  private long received;
  private long decrypted;
  private long mismatched;
  private final Map<FrameDropReason, Long> dropped = new EnumMap<>(FrameDropReason.class);

  /**
   * @param manager this participant's manager, made by the caller (with Guice or the builder) and
   *     closed by {@link #close()}
   */
  RoomParticipant(String name, E2eeManager manager, RoomSfu sfu, Map<String, byte[]> ledger,
      Consumer<String> stateLog) {
    this.id = ParticipantId.of(name);
    this.manager = manager;
    this.sfu = sfu;
    this.ledger = ledger;
    this.media = new RoomMedia(name.hashCode());
    manager.addStateListener(e -> stateLog.accept(describe(e)));
    sfu.join(id, this::receive);
  }

  private String describe(E2eeStateEvent e) {
    String what = e.direction() == Direction.ENCRYPT ? "sending " + e.trackId() : "receiving " + e.participant() + "/" + e.trackId();
    return String.format("  [state] %-5s %-22s %s%s", id, what, e.state(), e.reason().isEmpty() ? "" : " (" + e.reason() + ")");
  }

  ParticipantId id() {
    return id;
  }

  E2eeManager manager() {
    return manager;
  }

  KeyProvider keys() {
    return manager.keyProvider();
  }

  /** Encrypts one frame per track for round {@code round} and publishes what comes out. */
  void send(int round) {
    boolean keyFrame = round % 10 == 0;
    for (Track track : Track.values()) {
      String label = id + "/" + track.id + "/" + round;
      byte[] plain = switch (track) {
        case MIC -> media.opus(label);
        case CAMERA -> media.vp8(keyFrame, label);
        case SCREEN -> media.h264(keyFrame, label);
      };
      int ssrc = (id.value() + track.id).hashCode();
      int timestamp = round * track.ticksPerRound;
      ledger.put(ledgerKey(id, track.id, timestamp), plain);
      ManagedFrameCryptor cryptor = senders.computeIfAbsent(track,
          t -> manager.createLocalCryptor(id, t.id, t.mime));
      EncodedFrame frame = new EncodedFrame(ByteBuffer.wrap(plain), track.kind, track.mime,
          track.kind == MediaKind.VIDEO && keyFrame, ssrc, timestamp, id, null);
      FrameResult result = cryptor.process(frame);
      if (result.isForwarded()) {
        byte[] wire = new byte[result.length()];
        result.output().get(wire);
        sfu.publish(new RoomSfu.WireFrame(id, track.id, track.kind, track.mime, frame.keyFrame(), ssrc, timestamp, wire));
        sent++;
      }
    }
  }

  private void receive(RoomSfu.WireFrame wire) {
    received++;
    ManagedFrameCryptor cryptor = receivers.computeIfAbsent(wire.sender() + "/" + wire.trackId(),
        k -> manager.createRemoteCryptor(wire.sender(), wire.trackId(), wire.codecMimeType()));
    EncodedFrame frame = new EncodedFrame(ByteBuffer.wrap(wire.payload()), wire.kind(), wire.codecMimeType(),
        wire.keyFrame(), wire.ssrc(), wire.rtpTimestamp(), wire.sender(), null);
    FrameResult result = cryptor.process(frame);
    if (result.status() == FrameResult.Status.DECRYPTED) {
      byte[] out = new byte[result.length()];
      result.output().get(out);
      byte[] expected = ledger.get(ledgerKey(wire.sender(), wire.trackId(), wire.rtpTimestamp()));
      if (Arrays.equals(expected, out)) {
        decrypted++;
      } else {
        mismatched++;
      }
    } else if (result.status() == FrameResult.Status.DROPPED) {
      dropped.merge(result.dropReasonOrNull(), 1L, Long::sum);
    } else {
      mismatched++; // passed through: not what an encrypted room should deliver
    }
  }

  static String ledgerKey(ParticipantId sender, String trackId, int rtpTimestamp) {
    return sender + "/" + trackId + "/" + Integer.toUnsignedString(rtpTimestamp);
  }

  /** What happened to this participant's frames so far. */
  RoomReport.Participant summary() {
    Map<String, E2eeState> states = new LinkedHashMap<>();
    for (Map.Entry<String, ManagedFrameCryptor> r : receivers.entrySet()) {
      states.put(r.getKey(), r.getValue().state());
    }
    long droppedTotal = dropped.values().stream().mapToLong(Long::longValue).sum();
    return new RoomReport.Participant(id.value(), sent, received, decrypted, mismatched, droppedTotal,
        Map.copyOf(dropped), states);
  }

  @Override
  public void close() {
    manager.close();
  }
}
